import { type Change, diffDocs, highestLevel, type Level, major, minor, sameJson } from "./change.js";
import { diffOperation } from "./diff-operation.js";
import { diffSchema } from "./diff-schema.js";
import { asObject, listOperations, type OpenApi, type OperationInfo } from "./openapi.js";
import { schemaDirections, schemasUsedBy } from "./schema-usage.js";
import { diffTokenMetadata } from "./token-metadata.js";

/** One operation, as the summary names it. */
export interface OperationRef {
  key: string;
  operationId: string | undefined;
}

/** Changes grouped under a heading: an operation, a schema, or the document itself. */
export interface ChangeGroup {
  label: string;
  changes: Change[];
}

export interface SpecDiff {
  added: OperationRef[];
  removed: OperationRef[];
  /** Operations both documents have, with what changed in each. */
  changed: (OperationRef & { changes: Change[] })[];
  /** Component schemas, compared by name: the types package exports each one. */
  schemas: ChangeGroup[];
  /** Everything else: info, servers, security, tags, other components. */
  document: Change[];
  /** major, minor or patch; undefined when the documents mean the same. */
  level: Level | undefined;
}

/** Compares two OpenAPI 3 documents and classifies each change (see change.ts for the levels). */
export function diffSpec(before: OpenApi, after: OpenApi): SpecDiff {
  const operationsBefore = listOperations(before);
  const operationsAfter = listOperations(after);
  const added = [...operationsAfter.values()].filter(({ key }) => !operationsBefore.has(key)).map(refOfOperation);
  const removed = [...operationsBefore.values()].filter(({ key }) => !operationsAfter.has(key)).map(refOfOperation);
  const schemas = diffSchemas(before, after);
  const changed: SpecDiff["changed"] = [];
  for (const [key, operation] of operationsBefore) {
    const counterpart = operationsAfter.get(key);
    if (!counterpart) continue;
    const changes = unique([
      ...diffOperation(before, after, operation, counterpart),
      ...throughSchemas(schemasUsedBy(after, counterpart), schemas),
    ]);
    if (changes.length > 0) changed.push({ ...refOfOperation(counterpart), changes });
  }
  const document = unique(diffDocument(before, after));

  const levels: Level[] = [
    ...(removed.length > 0 ? (["major"] as const) : []),
    ...(added.length > 0 ? (["minor"] as const) : []),
    ...[...changed, ...schemas].flatMap(({ changes }) => changes.map(({ level }) => level)),
    ...document.map(({ level }) => level),
  ];
  return { added, removed, changed, schemas, document, level: highestLevel(levels) };
}

/**
 * An operation whose own text is unchanged still changes when a schema it uses does: name the schema and repeat
 * what changed in it (documentation aside), so the operation list tells the whole story.
 */
function throughSchemas(used: Set<string>, schemas: ChangeGroup[]): Change[] {
  const changes: Change[] = [];
  for (const { label, changes: schemaChanges } of schemas) {
    if (!used.has(label.replace(/^schema /, ""))) continue;
    for (const { level, message, docs } of schemaChanges) {
      if (docs === undefined) changes.push({ level, message: `${label}: ${message}` });
    }
  }
  return changes;
}

function diffSchemas(before: OpenApi, after: OpenApi): ChangeGroup[] {
  const schemasBefore = asObject(asObject(before.components).schemas);
  const schemasAfter = asObject(asObject(after.components).schemas);
  const direction = schemaDirections(before, after);
  const groups: ChangeGroup[] = [];
  const names = [...new Set([...Object.keys(schemasBefore), ...Object.keys(schemasAfter)])].sort();
  for (const name of names) {
    const changes: Change[] = [];
    if (!Object.hasOwn(schemasAfter, name)) changes.push(major("removed"));
    else if (!Object.hasOwn(schemasBefore, name)) changes.push(minor("added"));
    else {
      const context = { before, after, direction: direction(name), seen: new Set<string>() };
      diffSchema(context, schemasBefore[name], schemasAfter[name], { root: "", path: "" }, changes);
    }
    if (changes.length > 0) groups.push({ label: `schema ${name}`, changes: unique(changes) });
  }
  return groups;
}

function diffDocument(before: OpenApi, after: OpenApi): Change[] {
  const out: Change[] = [];
  const infoBefore = asObject(before.info);
  const infoAfter = asObject(after.info);
  if (infoBefore.version !== infoAfter.version) {
    out.push({ level: "patch", message: `info.version ${infoBefore.version} → ${infoAfter.version}` });
  }
  diffDocs(infoBefore, infoAfter, "info", out);
  for (const key of ["contact", "license", "termsOfService"]) {
    if (!sameJson(infoBefore[key], infoAfter[key]))
      out.push({ level: "patch", message: `info.${key} changed`, docs: key });
  }
  if (!sameJson(before.servers, after.servers)) out.push(minor("servers changed"));
  // A client that authenticates the old way is refused: every security change is breaking.
  if (!sameJson(before.security, after.security)) out.push(major("default security requirements changed"));
  out.push(...diffTokenMetadata(before, after));
  diffDocs(before, after, "document", out);

  // Other component sections are compared where operations use them; here only entries that come and go,
  // because the types package exports every one of them (components["parameters"]["PageSize"], …).
  const componentsBefore = asObject(before.components);
  const componentsAfter = asObject(after.components);
  for (const section of new Set([...Object.keys(componentsBefore), ...Object.keys(componentsAfter)])) {
    if (section === "schemas" || section === "examples") continue;
    const entriesBefore = asObject(componentsBefore[section]);
    const entriesAfter = asObject(componentsAfter[section]);
    for (const name of Object.keys(entriesBefore)) {
      if (!Object.hasOwn(entriesAfter, name)) out.push(major(`components.${section}.${name} removed`));
      else if (section === "securitySchemes" && !sameJson(entriesBefore[name], entriesAfter[name])) {
        out.push(major(`security scheme ${name} changed`));
      }
    }
    for (const name of Object.keys(entriesAfter)) {
      if (!Object.hasOwn(entriesBefore, name)) out.push(minor(`components.${section}.${name} added`));
    }
  }
  const examplesBefore = asObject(componentsBefore.examples);
  const examplesAfter = asObject(componentsAfter.examples);
  if (!sameJson(examplesBefore, examplesAfter))
    out.push({ level: "patch", message: "examples changed", docs: "example" });
  return out;
}

function refOfOperation(operation: OperationInfo): OperationRef {
  return { key: operation.key, operationId: operation.operationId };
}

/** The same message can come from two media types that share a schema; keep the first. */
function unique(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter(({ level, message }) => {
    const key = `${level} ${message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
