// The sandbox's records: for each tenant, for each concrete collection path, records by key.
// Every tenant starts from its own copy of the seed, so one tenant never sees another's writes.
import type { JsonObject } from "../document/http-operation.js";
import type { Collection } from "./resource-model.js";

/** Records by key, per concrete collection (see `collectionKey`). A membership collection holds `{}` per linked key. */
export type CollectionRecords = Map<string, Map<string, JsonObject>>;

export class SandboxStore {
  readonly #tenants = new Map<string, CollectionRecords>();
  readonly #seed: CollectionRecords;

  constructor(seed: CollectionRecords) {
    this.#seed = seed;
  }

  /** The records of one collection (created empty on first use) for one tenant. */
  records(tenant: string, collection: Collection, parameters: Record<string, string>): Map<string, JsonObject> {
    let data = this.#tenants.get(tenant);
    if (data === undefined) {
      data = structuredClone(this.#seed);
      this.#tenants.set(tenant, data);
    }
    const key = collectionKey(collection, parameters);
    let records = data.get(key);
    if (records === undefined) {
      records = new Map();
      data.set(key, records);
    }
    return records;
  }

  /** Forgets every tenant's writes: the next request of each tenant starts from the seed again. */
  reset(): void {
    this.#tenants.clear();
  }
}

/** One key per concrete collection: its template and the values of the template's parameters, case-folded like the routes. */
export function collectionKey(collection: Collection, parameters: Record<string, string>): string {
  const values = collection.template.parameters.map((name) => (parameters[name] ?? "").toLowerCase());
  return [collection.template.template, ...values].join("\u0000");
}
