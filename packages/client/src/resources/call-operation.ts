import { pagedOperations } from "@engagifii/crm-types";
import type { CrmCoreClient } from "../create-core-client.js";
import type { PagedPath, PageItem, PageRequest } from "../pagination/paged-types.js";
import type { PaginateOptions, Paginator } from "../pagination/paginator.js";
import { type FetchResult, unwrap } from "../unwrap.js";
import type { OperationOptions } from "./operation-types.js";

type Method = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";

/** One request of a generated helper: its parameters and body into openapi-fetch's init; the body, or a CrmApiError. */
export async function callOperation<Paths extends {}>(
  crm: CrmCoreClient<Paths>,
  method: Method,
  path: string,
  request: { path: Record<string, unknown>; query?: unknown; body?: unknown },
  options: OperationOptions | undefined,
): Promise<unknown> {
  const params: Record<string, unknown> = { path: request.path };
  if (request.query !== undefined) params.query = request.query;
  const init: Record<string, unknown> = { ...options, params };
  if (request.body !== undefined) init.body = request.body;
  const send = crm[method] as unknown as (path: string, init: unknown) => Promise<FetchResult<unknown, unknown>>;
  return unwrap(await send(path, init));
}

/** Every item of a paged operation: `request` is its query (GET) or body (POST) without the page fields. */
export function paginateOperation<Path extends PagedPath>(
  crm: CrmCoreClient,
  path: Path,
  pathParameters: Record<string, unknown>,
  request: PageRequest<Path> | undefined,
  options: PaginateOptions | undefined,
): Paginator<PageItem<Path>> {
  const inBody = (pagedOperations as Record<string, { location: string }>)[path]?.location === "body";
  const params: Record<string, unknown> = { path: pathParameters };
  if (!inBody && request !== undefined) params.query = request;
  const init = inBody && request !== undefined ? { params, body: request } : { params };
  const paginate = crm.paginate as unknown as (
    path: string,
    init: unknown,
    options?: PaginateOptions,
  ) => Paginator<never>;
  return paginate(path, init, options);
}
