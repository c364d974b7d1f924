import type { RequestContext } from "./crm-error.js";
import { clip, readDetail } from "./error-details.js";
// errors.ts imports this module too (CrmApiError.fromResponse): both use the other's bindings only
// inside functions, never while loading, so either may load first.
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  CrmApiError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  ValidationError,
} from "./errors.js";
import { readFieldErrors } from "./field-errors.js";
import { readRetryAfterMs } from "./transport/retry-after.js";

/**
 * The error for a response status: a class of its own for 400, 401, 403, 404, 409, 422 and 429,
 * ServerError for 5xx, CrmApiError for the rest. A status that no HTTP response can have (not an
 * integer from 100 to 599) gives an InvalidResponseError that names it, where `new Response`
 * would throw a RangeError.
 */
export function errorForStatus(status: number, body: unknown, context: RequestContext, headers?: Headers): CrmApiError {
  const where = `${context.method} ${context.path}`;
  if (!isHttpStatus(status)) {
    const shown = typeof status === "number" ? String(status) : `a ${typeof status}`;
    const kept = typeof status === "number" && Number.isFinite(status) ? status : undefined;
    return new InvalidResponseError(
      `${where} returned an invalid HTTP status (${clip(shown, 40)})`,
      kept,
      body,
      context,
    );
  }
  const detail = readDetail(body);
  const message = `${where} failed with ${status}${detail ? `: ${detail}` : ""}`;
  const fieldErrors = (status === 400 || status === 422) && readFieldErrors(body, headers);
  if (fieldErrors) return new ValidationError(message, status, body, context, fieldErrors);
  if (status === 429) return new RateLimitError(message, status, body, context, headers && readRetryAfterMs(headers));
  const ErrorClass = classForStatus(status) ?? (status >= 500 ? ServerError : CrmApiError);
  return new ErrorClass(message, status, body, context);
}

/** Whether `status` is one an HTTP response can have: an integer from 100 to 599. */
export function isHttpStatus(status: unknown): status is number {
  return typeof status === "number" && Number.isInteger(status) && status >= 100 && status <= 599;
}

// The statuses with a class of their own, besides 429 (RateLimitError) and 5xx (ServerError).
function classForStatus(status: number): typeof CrmApiError | undefined {
  switch (status) {
    case 400:
    case 422:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    default:
      return undefined;
  }
}
