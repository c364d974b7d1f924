import type { paths } from "@engagifii/crm-types";
import type { FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { HttpMethod, PathsWithMethod, RequiredKeysOf, SuccessResponseJSON } from "openapi-typescript-helpers";

/** Options any single request can carry on top of openapi-fetch's. */
export interface CrmRequestOptions {
  /** Retries after the first attempt, for this request. */
  maxRetries?: number;
  /** Time limit for this whole request (attempts, waits and the token fetch), in milliseconds. */
  timeoutMs?: number;
  /** Largest body to read into memory for this request, in decoded bytes. */
  maxResponseBytes?: number;
  /** Sent as `Idempotency-Key`; makes a POST or PATCH safe to retry. */
  idempotencyKey?: string;
  /** Mark a POST or PATCH as safe to send again without an idempotency key. */
  idempotent?: boolean;
  /** Send this request for another tenant (sets `tenant-code`). */
  tenantCode?: string;
}

type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & CrmRequestOptions)?] : [Init & CrmRequestOptions];

type OperationOf<PathItem, Method extends HttpMethod> =
  PathItem extends Record<Method, infer Operation>
    ? Operation extends Record<string | number, unknown>
      ? Operation
      : never
    : never;

type TypedMethod<Paths extends {}, Method extends HttpMethod> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method & keyof Paths[Path]>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<FetchResponse<OperationOf<Paths[Path], Method>, Init, `${string}/${string}`>>;

/** `crm.GET`, `crm.POST`, …: openapi-fetch's typed call, plus CrmRequestOptions; typed by the document's `paths`. */
export type CrmMethod<Method extends HttpMethod, Paths extends {} = paths> = TypedMethod<Paths, Method>;

/** The JSON body of a path's successful GET. */
export type GetSuccess<Path extends PathsWithMethod<paths, "get">> = SuccessResponseJSON<paths[Path]["get"]>;

/** GET paths whose response is the `{ data, totalCount, pageIndex, pageSize }` page envelope. */
export type PagedPath = {
  [Path in PathsWithMethod<paths, "get">]: GetSuccess<Path> extends { data: unknown[]; totalCount: number }
    ? Path
    : never;
}[PathsWithMethod<paths, "get">];

/** The item type of a paged path. */
export type PageItem<Path extends PagedPath> = GetSuccess<Path> extends { data: (infer Item)[] } ? Item : never;

/** Init for a GET on `Path`, with CrmRequestOptions. */
export type GetInit<Path extends PathsWithMethod<paths, "get">> = InitParam<MaybeOptionalInit<paths[Path], "get">>;
