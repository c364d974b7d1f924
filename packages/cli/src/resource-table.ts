// The CLI's resource commands come from src/generated/resource-table.ts, which `pnpm generate`
// writes from specs/resources.yaml (the client's helpers come from the same map) and the document.
import { type CrmClient, unwrap } from "@engagifii/crm-client";
import { usageError } from "./cli-error.js";
import { pathParameters } from "./document/operations.js";
import { resourceTable } from "./generated/resource-table.js";
import { pagedInit, pagingShape, pagingStrategy } from "./paging.js";
import type { OperationReference, ResourceEntry } from "./resource-entry.js";

export type { MethodEntry, OperationReference, ResourceEntry, ResourceVerb } from "./resource-entry.js";
export { resourceTable };

/** The entry for `command` among `candidates`, or a usage error naming the ones `verb` takes. */
export function resourceAmong(command: string, candidates: ResourceEntry[], verb: string): ResourceEntry {
  const entry = candidates.find((candidate) => candidate.command === command);
  if (entry) return entry;
  throw usageError(
    `cannot ${verb} "${command}"`,
    `choose one of ${candidates.map((candidate) => candidate.command).join(", ")}`,
  );
}

/** The resources that can read every record (export, sync). */
export function pagedResources(): ResourceEntry[] {
  return resourceTable.filter((entry) => entry.every !== undefined && pagingShape(entry.every.path) !== undefined);
}

/** The path parameters of a record's operation: the record's id goes into the template's last parameter. */
export function recordPath(reference: Pick<OperationReference, "path">, id: string): Record<string, string> {
  return { [pathParameters(reference.path).at(-1) ?? "id"]: id };
}

export interface ResourceRequest {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  idempotencyKey?: string;
}

/** One call of an operation through the client (tokens, tenant, retries, the rate limit); the body, or a CrmApiError. */
export async function callResource(
  crm: CrmClient,
  reference: OperationReference,
  request: ResourceRequest = {},
): Promise<unknown> {
  const params: Record<string, unknown> = { path: request.path ?? {} };
  if (request.query !== undefined) params.query = request.query;
  const init: Record<string, unknown> = { params };
  if (request.body !== undefined) init.body = request.body;
  if (request.idempotencyKey !== undefined) init.idempotencyKey = request.idempotencyKey;
  type Send = (path: string, init: object) => ReturnType<CrmClient["GET"]>;
  return unwrap(await (crm[reference.method] as unknown as Send)(reference.path, init));
}

/** Every record of a resource, page after page, as the document pages its `every` operation. */
export function everyRecord(
  crm: CrmClient,
  entry: ResourceEntry,
  pageSize: number,
): AsyncIterable<Record<string, unknown>> {
  const reference = entry.every;
  const shape = reference ? pagingShape(reference.path) : undefined;
  if (!reference || !shape) throw new Error(`${entry.command} has no paged list in the document`);
  return crm.paginateWith(
    pagingStrategy<Record<string, unknown>>(shape),
    reference.path,
    pagedInit(shape, {}, undefined, pageSize),
  );
}
