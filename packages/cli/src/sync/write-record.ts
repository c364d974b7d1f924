import { type CrmClient, unwrap } from "@engagifii/crm-client";
import type { OpenApiDocument } from "../document/load-document.js";
import { operationAt } from "../document/operations.js";
import { type ResourceEntry, recordPath } from "../resource-table.js";
import type { Write } from "./plan.js";

/** Sends one planned write with its Idempotency-Key, through the document's operations; returns the record's id. */
export type WriteRecord = (write: Write) => Promise<string | undefined>;

export function createWriteRecord(crm: CrmClient, document: OpenApiDocument, entry: ResourceEntry): WriteRecord {
  // Checked against the document in use before the first write.
  const create = operationAt(document, entry.operations.create!);
  const update = operationAt(document, entry.operations.update!);
  const remove = operationAt(document, entry.operations.delete!);
  type Call = (path: string, init: object) => ReturnType<CrmClient["POST"]>;
  const call = (method: string) => crm[method as "POST"] as unknown as Call;

  return async (write) => {
    const common = { idempotencyKey: write.key };
    if (write.kind === "create") {
      const created = unwrap(await call(create.method)(create.path, { ...common, body: write.body })) as {
        id?: unknown;
      };
      return created?.id === undefined ? undefined : String(created.id);
    }
    if (write.kind === "update") {
      const body = Object.fromEntries(Object.entries(write.changes).map(([name, change]) => [name, change.to]));
      unwrap(
        await call(update.method)(update.path, { ...common, params: { path: recordPath(update, write.id) }, body }),
      );
      return write.id;
    }
    unwrap(await call(remove.method)(remove.path, { ...common, params: { path: recordPath(remove, write.id) } }));
    return write.id;
  };
}
