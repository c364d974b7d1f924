import type { paths } from "@engagifii/crm-types";
import type { MaybeOptionalInit, ParseAs, ParseAsResponse } from "openapi-fetch";
import type {
  ErrorResponse,
  HttpMethod,
  MediaType,
  PathsWithMethod,
  Readable,
  RequiredKeysOf,
  SuccessResponse,
} from "openapi-typescript-helpers";

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

/**
 * An operation's `responses`. openapi-fetch's own `ResponseObjectMap` falls back to `unknown`,
 * which TypeScript rejects against `SuccessResponse`'s constraint in consumers' projects that
 * check library declarations (`skipLibCheck: false`); this one keeps the constraint.
 */
type ResponsesOf<Operation> = Operation extends { responses: infer Responses extends Record<string | number, unknown> }
  ? Responses
  : never;

/**
 * What `crm.GET` and the others resolve to: openapi-fetch's result shape, with the success body
 * of `Operation` (as `init.parseAs` asks) in `data`, or its documented error body in `error`.
 */
export type CrmResponse<Operation, Init, Media extends MediaType = MediaType> =
  | {
      data: ParseAsResponse<Readable<SuccessResponse<ResponsesOf<Operation>, Media>>, Init>;
      error?: never;
      response: Response;
    }
  | { data?: never; error: Readable<ErrorResponse<ResponsesOf<Operation>, Media>>; response: Response };

/**
 * Only `parseAs` is inferred from the call: were the whole init a type parameter, as in
 * openapi-fetch, an unknown body or parameter key would be inferred into it instead of rejected.
 */
type TypedMethod<Paths extends {}, Method extends HttpMethod> = <
  Path extends PathsWithMethod<Paths, Method>,
  As extends ParseAs = "json",
>(
  url: Path,
  ...init: InitParam<MaybeOptionalInit<Paths[Path], Method & keyof Paths[Path]> & { parseAs?: As }>
) => Promise<CrmResponse<OperationOf<Paths[Path], Method>, { parseAs: As }>>;

/** `crm.GET`, `crm.POST`, …: openapi-fetch's typed call, plus CrmRequestOptions; typed by the document's `paths`. */
export type CrmMethod<Method extends HttpMethod, Paths extends {} = paths> = TypedMethod<Paths, Method>;

/**
 * The JSON body of an operation's success. Use this, not openapi-typescript-helpers'
 * `SuccessResponseJSON`, whose constraint fails under `skipLibCheck: false` (see ResponsesOf).
 */
export type OperationSuccessJson<Operation> = SuccessResponse<ResponsesOf<Operation>, `${string}/json`>;

/** The JSON body of a path's successful response to `Method`, e.g. `SuccessBody<"/api/v1/people", "post">`. */
export type SuccessBody<Path extends keyof paths, Method extends HttpMethod> = OperationSuccessJson<
  OperationOf<paths[Path], Method>
>;

/** Init for a GET on `Path`, with CrmRequestOptions. */
export type GetInit<Path extends PathsWithMethod<paths, "get">> = InitParam<MaybeOptionalInit<paths[Path], "get">>;
