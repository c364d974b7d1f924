import { type CrmClient, unwrap } from "@engagifii/crm-client";
import type { OpenApiDocument } from "../document/load-document.js";
import { findOperation, pathParameters } from "../document/operations.js";
import type { ResourceEntry } from "../resource-table.js";
import type { Write } from "./plan.js";

/** Sends one planned write with its Idempotency-Key, through the document's operations; returns the record's id. */
export type WriteRecord = (write: Write) => Promise<string | undefined>;

export function createWriteRecord(crm: CrmClient, document: OpenApiDocument, entry: ResourceEntry): WriteRecord {
  const create = findOperation(document, entry.operations.create);
  const update = findOperation(document, entry.operations.update);
  const remove = findOperation(document, entry.operations.delete);
  const at = (template: string, id: string) => ({ path: { [pathParameters(template).at(-1) ?? "id"]: id } });
  type Call = (path: string, init: object) => ReturnType<CrmClient["POST"]>;
  const call = (method: "POST" | "PUT" | "DELETE") => crm[method] as unknown as Call;

  return async (write) => {
    const common = { idempotencyKey: write.key };
    if (write.kind === "create") {
      const created = unwrap(await call("POST")(create.path, { ...common, body: write.body })) as { id?: unknown };
      return created?.id === undefined ? undefined : String(created.id);
    }
    if (write.kind === "update") {
      const body = Object.fromEntries(Object.entries(write.changes).map(([name, change]) => [name, change.to]));
      unwrap(await call("PUT")(update.path, { ...common, params: at(update.path, write.id), body }));
      return write.id;
    }
    unwrap(await call("DELETE")(remove.path, { ...common, params: at(remove.path, write.id) }));
    return write.id;
  };
}
