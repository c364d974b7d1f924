import { CrmError, type RequestContext } from "./crm-error.js";
import { clip, readOAuthError } from "./error-details.js";
import { errorForStatus } from "./error-for-status.js";
import { type FieldErrors, limitFieldErrors } from "./field-errors.js";
import { limitBody } from "./limit-body.js";

export { ConfigurationError, CrmError, PaginationError, type RequestContext } from "./crm-error.js";
export { describeOAuthError } from "./error-details.js";
export { errorForStatus, isHttpStatus } from "./error-for-status.js";
export { errorBodyLimits } from "./limit-body.js";
export type { FieldErrors };

const inspectCustom = Symbol.for("nodejs.util.inspect.custom");

/**
 * An error response from the API, or a request that never got one (see ConnectionError).
 *
 * It keeps the response body within `errorBodyLimits` (20 levels deep, 1,000 items or keys per
 * array or object, 10,000 characters per string, 10,000 values in all): past them, a copy with
 * notes such as `[nested deeper than 20 levels]`. So an error built from a hostile body (nested
 * 100,000 deep, or one object shared a million times) still prints with `util.inspect`,
 * `console.error`, `JSON.stringify` and `String()`.
 */
export class CrmApiError extends CrmError {
  override name = "CrmApiError";
  /** HTTP status; undefined when no response arrived. */
  readonly status: number | undefined;
  /** The parsed response body (JSON when it parsed, else the text; undefined when empty), within `errorBodyLimits`. */
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
    this.body = limitBody(body);
    ({
      method: this.method,
      path: this.path,
      tenantCode: this.tenantCode,
      requestId: this.requestId,
      attempts: this.attempts,
    } = context);
  }

  /** Maps a response status to the error class for it: see `errorForStatus`. */
  static fromResponse(status: number, body: unknown, context: RequestContext, headers?: Headers): CrmApiError {
    return errorForStatus(status, body, context, headers);
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

/** A 400 (or 422) whose body names the fields at fault (the first 1,000 fields; the message lists 20). */
export class ValidationError extends BadRequestError {
  override name = "ValidationError";
  readonly fieldErrors: FieldErrors;
  constructor(message: string, status: number, body: unknown, context: RequestContext, fieldErrors: FieldErrors) {
    const kept = limitFieldErrors(fieldErrors);
    const fields = Object.entries(kept).map(([field, messages]) => clip(`${field}: ${messages.join("; ")}`));
    const more = fields.length > 20 ? `, and ${fields.length - 20} more fields` : "";
    super(`${message}: ${fields.slice(0, 20).join(", ")}${more}`, status, body, context);
    this.fieldErrors = kept;
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

/** A success status whose body is not the JSON it claims to be (e.g. cut off by a proxy), or a status outside 100–599. */
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
