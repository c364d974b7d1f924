/** Statuses worth another attempt: the server was busy, failed, or timed out. */
export const retryableStatuses: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

const idempotentMethods = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/**
 * Whether a request may be sent again after the server may have processed it. POST and PATCH
 * may not, unless the caller marked them idempotent or sent an Idempotency-Key.
 */
export function isIdempotent(method: string, headers: Headers, marked: boolean | undefined): boolean {
  if (marked !== undefined) return marked;
  return idempotentMethods.has(method) || headers.has("idempotency-key");
}

const neverSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

/** True when a fetch failure proves the request never reached a server (refused, or no such host). */
export function wasNeverSent(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 4) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && neverSentCodes.has(code)) return true;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => wasNeverSent(inner, depth + 1)))
    return true;
  return wasNeverSent(cause, depth + 1);
}
