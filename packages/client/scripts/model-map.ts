import { isObject, type OpenApiDocument } from "../../types/scripts/document.js";

/** A type the client exports under a name of its own, e.g. `Person` for the schema `PersonDto`. */
export interface ResolvedModel {
  name: string;
  schema: string;
}

/** A `models:` entry whose schema the document does not have (any more). */
export interface DroppedModel {
  name: string;
  schema: string;
  reason: string;
}

const TYPE_NAME = /^[A-Z][A-Za-z0-9_]*$/;

/**
 * Reads the map's optional top-level `models:` (exported name → schema name) and resolves each entry against
 * the document's schemas. Code written against `Person` keeps compiling when the live document calls it
 * `PersonDto`: the maintainer edits the map, not the code. Names the client exports already are refused, as
 * the client's own export would silently hide the model.
 */
export function resolveModels(
  document: OpenApiDocument,
  map: unknown,
  reserved: ReadonlySet<string>,
): { models: ResolvedModel[]; dropped: DroppedModel[] } {
  const entries = isObject(map) ? map.models : undefined;
  if (entries === undefined || entries === null) return { models: [], dropped: [] };
  if (!isObject(entries)) throw new Error("specs/resources.yaml: `models:` must map type names to schema names");
  const schemas = document.components?.schemas ?? {};
  const models: ResolvedModel[] = [];
  const dropped: DroppedModel[] = [];
  for (const [name, schema] of Object.entries(entries)) {
    if (!TYPE_NAME.test(name) || typeof schema !== "string")
      throw new Error(`specs/resources.yaml: models.${name} must be a PascalCase type name mapped to a schema name`);
    if (reserved.has(name))
      throw new Error(
        `specs/resources.yaml: models.${name} is a name @engagifii/crm-client already exports; choose another`,
      );
    if (Object.hasOwn(schemas, schema)) models.push({ name, schema });
    else {
      const likely = closestSchema(name, Object.keys(schemas));
      dropped.push({ name, schema, reason: `no such schema in the document${likely ? ` (${likely}?)` : ""}` });
    }
  }
  return { models, dropped };
}

/** The names `src/index.ts` exports by name, which a model may not take. */
export function exportedNames(indexSource: string): Set<string> {
  const names = new Set<string>();
  for (const [, list] of indexSource.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g))
    for (const item of (list ?? "").split(",")) {
      const name = item
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.replace(/^type\s+/, "")
        .trim();
      if (name) names.add(name);
    }
  return names;
}

/** The schema sharing the longest start with `name` (`PersonCreate` → `PersonDto`), the shortest on a tie. */
function closestSchema(name: string, schemas: string[]): string | undefined {
  const shared = (schema: string) => {
    let length = 0;
    while (length < Math.min(name.length, schema.length) && name[length] === schema[length]) length++;
    return length;
  };
  const [best] = schemas
    .filter((schema) => shared(schema) >= 3)
    .sort((a, b) => shared(b) - shared(a) || a.length - b.length);
  return best;
}
