// The sandbox's starting records: the document's own examples (list pages and single records),
// or a JSON file mapping concrete collection paths to records, e.g.
// `{ "/api/v1/people": [{ "id": "…", "firstName": "Jane", … }], "/api/v1/organizations/org-acme/people": ["<person id>"] }`.
import { readFile } from "node:fs/promises";
import { isObject, type JsonObject, responseExamples } from "../document/http-operation.js";
import type { Collection, ResourceModel } from "./resource-model.js";
import { type CollectionRecords, collectionKey } from "./sandbox-store.js";

/** Concrete collection path → records (or, for a membership collection, linked records or their keys). */
export type SandboxSeed = Record<string, Array<JsonObject | string>>;

export async function readSeedFile(path: string): Promise<SandboxSeed> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read the seed file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const valid = isObject(parsed) && Object.values(parsed).every((records) => Array.isArray(records));
  if (!valid)
    throw new Error(`Invalid seed file ${path}: expected an object mapping collection paths to arrays of records`);
  return parsed as SandboxSeed;
}

/** The records the document's examples show: every list page's items and every single-record example. */
export function seedFromExamples(model: ResourceModel): SandboxSeed {
  const seed: SandboxSeed = {};
  for (const route of model.routes) {
    const collection = model.collections.get(route.collection);
    if (collection === undefined || (route.kind !== "list" && route.kind !== "get")) continue;
    for (const example of responseExamples(route.operation, String(route.success.status))) {
      const items = route.kind === "get" ? [example] : exampleItems(example, route.paging?.itemsField);
      for (const item of items.filter(isObject)) {
        const path = concretePath(collection, item);
        if (path !== undefined) seed[path] = [...(seed[path] ?? []), item];
      }
    }
  }
  return seed;
}

/** Turns a seed into the store's records, checking that each path belongs to a collection of the document. */
export function loadSeed(model: ResourceModel, seed: SandboxSeed): CollectionRecords {
  const data: CollectionRecords = new Map();
  const put = (collection: Collection, parameters: Record<string, string>, key: string, record: JsonObject) => {
    const id = collectionKey(collection, parameters);
    const records = data.get(id) ?? new Map<string, JsonObject>();
    data.set(id, records);
    if (!records.has(key)) records.set(key, record);
  };
  for (const [path, entries] of Object.entries(seed)) {
    const found = findCollection(model, path);
    if (found === undefined) throw new Error(`Seed path ${path} is not a collection of the document`);
    const [collection, parameters] = found;
    const target = collection.linkTarget === undefined ? undefined : model.collections.get(collection.linkTarget);
    for (const entry of entries) {
      const keyField = target?.keyField ?? collection.keyField;
      const key = typeof entry === "string" ? entry : String(entry[keyField] ?? "");
      if (key === "") throw new Error(`A seed record under ${path} has no ${keyField}`);
      if (target === undefined && typeof entry !== "string") put(collection, parameters, key, entry);
      if (target === undefined) continue;
      put(collection, parameters, key, {});
      if (typeof entry !== "string") put(target, {}, key, entry);
    }
  }
  return data;
}

/** The items of a list example: the array itself, or its page envelope's items. */
export function exampleItems(example: unknown, itemsField: string | undefined): unknown[] {
  if (Array.isArray(example)) return example;
  if (!isObject(example) || itemsField === undefined) return [];
  const items = example[itemsField];
  return Array.isArray(items) ? items : [];
}

// The path of the collection a record belongs to, its parents read from the record's own fields.
function concretePath(collection: Collection, record: JsonObject): string | undefined {
  let path = collection.template.template;
  for (const name of collection.template.parameters) {
    const value = record[name];
    if (typeof value !== "string" && typeof value !== "number") return undefined;
    path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
  }
  return path;
}

function findCollection(model: ResourceModel, path: string): [Collection, Record<string, string>] | undefined {
  for (const collection of model.collections.values()) {
    const parameters = collection.template.match(path);
    if (parameters !== undefined) return [collection, parameters];
  }
  return undefined;
}
