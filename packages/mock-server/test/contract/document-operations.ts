// The contract tests' way to name an operation of whatever document specs/ holds: by operationId,
// from the generated metadata, never by a path of our guide. A case whose operation (or resource
// helper) the document does not have is skipped and says so, instead of failing to compile after a
// spec swap. Requests sent this way are typed loosely on purpose: the mock validates each one
// against the document (`sl-violations`), and the operations test asserts there is none.
import type { CrmClient, FetchResult, PaginateOptions, Paginator } from "@engagifii/crm-client";
import { operationList, type PagedOperationMetadata, pagedOperations } from "@engagifii/crm-types";

export interface DocumentOperation {
  operationId: string;
  method: string;
  path: string;
}

const byId = new Map<string, DocumentOperation>(operationList.map((operation) => [operation.operationId, operation]));

/** The document's operation with this id, or undefined when the document has none. */
export function documentOperation(operationId: string): DocumentOperation | undefined {
  return byId.get(operationId);
}

/** Why a case for `operationIds` cannot run on this document, or undefined when it can. */
export function missingOperations(...operationIds: string[]): string | undefined {
  const missing = operationIds.filter((operationId) => !byId.has(operationId));
  return missing.length === 0 ? undefined : `the document has no ${missing.join(", ")}`;
}

type UntypedCall = (path: string, init?: Record<string, unknown>) => Promise<FetchResult<unknown, unknown>>;
type Method = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";

/** Sends one request for an operation through the real client's typed call, by operationId. */
export function sendOperation(
  crm: CrmClient,
  operationId: string,
  init: Record<string, unknown> = {},
): Promise<FetchResult<unknown, unknown>> {
  const operation = byId.get(operationId);
  if (!operation) throw new Error(`${operationId} is not an operation of the document`);
  const call = crm[operation.method.toUpperCase() as Method] as unknown as UntypedCall;
  return call(operation.path, init);
}

/** A resource helper by its name in specs/resources.yaml (`people.create`); throws when the map has none. */
export function resourceHelper(crm: CrmClient, name: string): (...args: unknown[]) => unknown {
  const [resource = "", method = ""] = name.split(".");
  const helpers = (crm as unknown as Record<string, Record<string, unknown> | undefined>)[resource];
  const helper = helpers?.[method];
  if (typeof helper !== "function") throw new Error(`crm.${name} is not in specs/resources.yaml`);
  return helper as (...args: unknown[]) => unknown;
}

/** How `crm.paginate` pages the operation, from the generated metadata; undefined when it does not page it. */
export function pagingOf(operation: DocumentOperation): PagedOperationMetadata | undefined {
  const shape = (pagedOperations as Record<string, PagedOperationMetadata | undefined>)[operation.path];
  return shape?.method === operation.method.toLowerCase() ? shape : undefined;
}

type UntypedPaginate = (path: string, init?: Record<string, unknown>, options?: PaginateOptions) => Paginator<unknown>;

/** `crm.paginate` on a paged operation, by operationId. */
export function paginateOperation(
  crm: CrmClient,
  operationId: string,
  init: Record<string, unknown>,
  options?: PaginateOptions,
): Paginator<unknown> {
  const operation = byId.get(operationId);
  if (!operation || !pagingOf(operation)) throw new Error(`${operationId} is not a paged operation of the document`);
  return (crm.paginate as unknown as UntypedPaginate)(operation.path, init, options);
}
