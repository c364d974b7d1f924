import type { RequestContext } from "../errors.js";
import { pathOf } from "./response-metadata.js";

/** How one logical call is to be made: the client's settings, or the request's own. */
export interface CallSettings {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Time limit for each attempt, in milliseconds. */
  timeoutMs: number;
  /** Clock time by which the whole call must be over (a per-request `timeoutMs`), or undefined. */
  deadline: number | undefined;
  /** Aborts on the caller's abort and at the deadline; every wait of the call follows it. */
  signal: AbortSignal | undefined;
  /** A POST or PATCH the caller marked safe to send again; undefined: decided by method and Idempotency-Key. */
  idempotent: boolean | undefined;
  /** Hand back the body unread (`parseAs: "stream"`): no size limit, no timeout once headers arrived. */
  stream: boolean;
  /** Largest buffered body, in decoded bytes. */
  maxResponseBytes: number;
  /** The tenant this request chose (the `tenantCode` request option), else undefined: the client's. */
  tenantCode: string | undefined;
}

/** A request inside the transport. Its headers are its own: user middleware never sees what policies add. */
export interface CrmRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  /** Read once, so that every attempt sends the same bytes (each attempt's Request takes a copy of them). */
  readonly body: ArrayBuffer | undefined;
  readonly settings: CallSettings;
  /** The attempt's own signal (its timeout and the call's), set by the attempt policy for fetch; undefined above it. */
  readonly attemptSignal: AbortSignal | undefined;
  /** Shared by every copy of this request: what the error and the log report. */
  readonly trace: { correlationId: string; tenantCode: string | undefined; attempts: number };
}

/** The rest of the pipeline, below a policy. */
export type Next = (request: CrmRequest) => Promise<Response>;

/** One concern of the transport: it may change (a copy of) the request, and the response. */
export type Policy = (request: CrmRequest, next: Next) => Promise<Response>;

/** Runs the policies in order, each wrapping the ones after it, down to `last`. */
export function composePolicies(policies: readonly Policy[], last: Next): Next {
  return policies.reduceRight<Next>((next, policy) => (request) => policy(request, next), last);
}

/** The request with other headers: a copy, so that the caller's view of the request is unchanged. */
export function withHeaders(request: CrmRequest, change: (headers: Headers) => void): CrmRequest {
  const headers = new Headers(request.headers);
  change(headers);
  return { ...request, headers };
}

/** What an error says about the request. Never holds a secret. */
export function contextOfRequest(request: CrmRequest): RequestContext {
  const { trace } = request;
  return {
    method: request.method,
    path: pathOf(request.url),
    tenantCode: trace.tenantCode,
    requestId: trace.correlationId,
    attempts: Math.max(1, trace.attempts),
  };
}
