import { type FieldErrors, readFieldErrors } from "./field-errors.js";
import { isRecord } from "./is-record.js";
import { readRetryAfterMs } from "./transport/retry-after.js";

export type { FieldErrors };

/** What a support ticket needs to find a request again. Never holds a secret. */
export interface RequestContext {
  method: string;
  /** URL path of the request, without the query string. */
  path: string;
  tenantCode: string | undefined;
  /** The server's request id when it sent one, else the client's X-Correlation-ID. */
  requestId: string | undefined;
  /** How many attempts were made, retries and the 401 replay included. */
  attempts: number;
}

const inspectCustom = Symbol.for("nodejs.util.inspect.custom");

/** Base class of every error the client throws. */
export class CrmError extends Error {
  override name = "CrmError";
}

/** Thrown by `createCrmClient` when an option or its environment variable is missing or invalid. */
export class ConfigurationError extends CrmError {
  override name = "ConfigurationError";
  constructor(
    /** The option at fault, e.g. `tenantCode`. */
    readonly option: string,
    /** The environment variable that can also set it, e.g. `ENGAGIFII_TENANT_CODE`. */
    readonly environmentVariable: string | undefined,
    problem: string,
  ) {
    const source = environmentVariable ? `${option} (or ${environmentVariable})` : option;
    super(`Invalid Engagifii CRM client configuration: ${source} ${problem}`);
  }
}

/** Pagination cannot go on safely, e.g. the server ignores the page position and would loop. */
export class PaginationError extends CrmError {
  override name = "PaginationError";
}

/** An error response from the API, or a request that never got one (see ConnectionError). */
export class CrmApiError extends CrmError {
  override name = "CrmApiError";
  /** HTTP status; undefined when no response arrived. */
  readonly status: number | undefined;
  /** The parsed response body (JSON when it parsed, else the text; undefined when empty). */
  readonly body: unknown;
  readonly method: string;
  readonly path: string;
  readonly tenantCode: string | undefined;
  readonly requestId: string | undefined;
  readonly attempts: number;

  constructor(
    message: string,
    status: number | undefined,
    body: unknown,
    context: RequestContext,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.status = status;
    this.body = body;
    ({
      method: this.method,
      path: this.path,
      tenantCode: this.tenantCode,
      requestId: this.requestId,
      attempts: this.attempts,
    } = context);
  }

  /** Maps a response status to the error class for it. */
  static fromResponse(status: number, body: unknown, context: RequestContext, headers?: Headers): CrmApiError {
    const detail = readDetail(body);
    const message = `${context.method} ${context.path} failed with ${status}${detail ? `: ${detail}` : ""}`;
    const fieldErrors = (status === 400 || status === 422) && readFieldErrors(body, headers);
    if (fieldErrors) return new ValidationError(message, status, body, context, fieldErrors);
    if (status === 429) return new RateLimitError(message, status, body, context, headers && readRetryAfterMs(headers));
    const ErrorClass = errorClasses[status] ?? (status >= 500 ? ServerError : CrmApiError);
    return new ErrorClass(message, status, body, context);
  }

  /** The error's own fields (status, ids, body, …) and message; never `cause`, which may be anything. */
  toJSON(): Record<string, unknown> {
    return { ...Object.fromEntries(Object.entries(this)), message: this.message };
  }

  // Printed by util.inspect and console.log: the same safe fields as toJSON, plus the stack.
  [inspectCustom](): string {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${JSON.stringify(this.toJSON(), null, 2)}`;
  }
}

export class BadRequestError extends CrmApiError {
  override name = "BadRequestError";
}

/** A 400 (or 422) whose body names the fields at fault. */
export class ValidationError extends BadRequestError {
  override name = "ValidationError";
  constructor(
    message: string,
    status: number,
    body: unknown,
    context: RequestContext,
    readonly fieldErrors: FieldErrors,
  ) {
    const fields = Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages.join("; ")}`);
    super(`${message}: ${fields.join(", ")}`, status, body, context);
  }
}

/** 401 from the API, or a token request the authorization server refused. */
export class AuthenticationError extends CrmApiError {
  override name = "AuthenticationError";
  /** The OAuth2 error code (RFC 6749 §5.2), e.g. `invalid_client`, when the token endpoint refused. */
  readonly oauthError: string | undefined;
  readonly oauthErrorDescription: string | undefined;

  constructor(message: string, status: number | undefined, body: unknown, context: RequestContext) {
    super(message, status, body, context);
    const oauth = readOAuthError(body);
    this.oauthError = oauth?.error;
    this.oauthErrorDescription = oauth?.description;
  }
}

export class PermissionDeniedError extends CrmApiError {
  override name = "PermissionDeniedError";
}

export class NotFoundError extends CrmApiError {
  override name = "NotFoundError";
}

export class ConflictError extends CrmApiError {
  override name = "ConflictError";
}

export class RateLimitError extends CrmApiError {
  override name = "RateLimitError";
  constructor(
    message: string,
    status: number,
    body: unknown,
    context: RequestContext,
    /** How long the server asked to wait, when it said. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message, status, body, context);
  }
}

export class ServerError extends CrmApiError {
  override name = "ServerError";
}

/** A success status whose body is not the JSON it claims to be (e.g. cut off by a proxy). */
export class InvalidResponseError extends CrmApiError {
  override name = "InvalidResponseError";
}

/** No response arrived: the connection failed, was reset, or the body could not be read. */
export class ConnectionError extends CrmApiError {
  override name = "ConnectionError";
  constructor(message: string, context: RequestContext, options?: ErrorOptions) {
    super(message, undefined, undefined, context, options);
  }
}

/** An attempt ran past `timeoutMs`. */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
}

// The statuses with a class of their own, besides 429 (RateLimitError) and 5xx (ServerError).
const errorClasses: Record<number, typeof CrmApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: BadRequestError,
};

/** `invalid_client (Unknown client)` when the body is an OAuth2 error (RFC 6749 §5.2). */
export function describeOAuthError(body: unknown): string | undefined {
  const oauth = readOAuthError(body);
  return oauth && (oauth.description ? `${oauth.error} (${oauth.description})` : oauth.error);
}

function readDetail(body: unknown): string | undefined {
  if (typeof body === "string") {
    const text = body.trim();
    if (!text || text.startsWith("<")) return undefined; // an HTML error page says nothing useful in one line
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }
  if (!isRecord(body)) return undefined;
  const problem = [body.title, body.detail].filter((part) => typeof part === "string" && part).join(": ");
  return describeOAuthError(body) ?? (problem || undefined);
}

function readOAuthError(body: unknown): { error: string; description: string | undefined } | undefined {
  if (!isRecord(body) || typeof body.error !== "string") return undefined;
  return {
    error: body.error,
    description: typeof body.error_description === "string" ? body.error_description : undefined,
  };
}
