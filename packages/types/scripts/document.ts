/** The parts of an OpenAPI 3 document the generators read. Loose on purpose: any live document must load. */
export type OpenApiObject = Record<string, unknown>;

export interface OpenApiDocument {
  paths?: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, OpenApiObject>;
    parameters?: Record<string, OpenApiObject>;
    requestBodies?: Record<string, OpenApiObject>;
    responses?: Record<string, OpenApiObject>;
    securitySchemes?: Record<string, OpenApiObject>;
  };
  security?: Record<string, string[]>[];
  [key: string]: unknown;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export function isObject(value: unknown): value is OpenApiObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/components/…`) to its target; anything else is returned as it is. */
export function resolve(document: OpenApiDocument, value: unknown, depth = 0): OpenApiObject | undefined {
  if (!isObject(value)) return undefined;
  const ref = value.$ref;
  if (typeof ref !== "string" || depth > 20) return value;
  if (!ref.startsWith("#/")) return undefined;
  let target: unknown = document;
  for (const segment of ref.slice(2).split("/")) {
    const key = segment.replace(/~1/g, "/").replace(/~0/g, "~");
    target = isObject(target) ? target[key] : undefined;
  }
  return resolve(document, target, depth + 1);
}

/** The properties of an object schema, following `$ref` and merging `allOf`. */
export function propertiesOf(document: OpenApiDocument, schema: unknown, depth = 0): Record<string, OpenApiObject> {
  const resolved = resolve(document, schema);
  if (!resolved || depth > 10) return {};
  const merged: Record<string, OpenApiObject> = {};
  if (Array.isArray(resolved.allOf))
    for (const part of resolved.allOf) Object.assign(merged, propertiesOf(document, part, depth + 1));
  if (isObject(resolved.properties))
    for (const [name, property] of Object.entries(resolved.properties))
      merged[name] = resolve(document, property) ?? {};
  return merged;
}

/** Each operation of the document: method (lower case), path, the operation and its path item's parameters. */
export function* eachOperation(
  document: OpenApiDocument,
): Generator<{ method: string; path: string; operation: OpenApiObject; pathItem: OpenApiObject }> {
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    if (!isObject(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (isObject(operation)) yield { method, path, operation, pathItem };
    }
  }
}

/** The JSON schema of a request body or response: `application/json` first, else any `…json` or `text/plain`. */
export function jsonSchemaOf(document: OpenApiDocument, holder: unknown): unknown {
  const content = resolve(document, holder)?.content;
  if (!isObject(content)) return undefined;
  const types = Object.keys(content);
  const preferred =
    types.find((type) => type === "application/json") ??
    types.find((type) => /[/+]json\b/.test(type)) ??
    types.find((type) => type === "text/plain");
  return preferred === undefined ? undefined : resolve(document, content[preferred])?.schema;
}
