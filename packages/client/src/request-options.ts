import { type HeadersOptions, mergeHeaders } from "openapi-fetch";
import { fail, integerOption } from "./config-checks.js";
import { clientMiddleware } from "./middleware.js";
import type { RequestSettings } from "./transport/request-settings.js";
import { isHeaderSafe } from "./transport/tenant-header.js";

const parseAsValues = new Set(["json", "text", "blob", "arrayBuffer", "stream"]);

/**
 * Splits a call's init into what openapi-fetch takes (a new object) and the client's own settings, checking
 * each: a bad one throws ConfigurationError naming the option. The caller's `signal` is kept
 * off the Request (which would hold a listener on it for as long as the Request lives).
 */
export function splitRequestOptions(init: Record<string, unknown>): {
  rest: Record<string, unknown>;
  settings: RequestSettings | undefined;
} {
  const { maxRetries, timeoutMs, maxResponseBytes, idempotencyKey, idempotent, tenantCode, signal, ...rest } = init;
  if (rest.fetch !== undefined)
    fail("fetch", "cannot be set per request (it would skip the token and retries): pass it to the client");
  if (rest.parseAs !== undefined && !parseAsValues.has(rest.parseAs as string))
    fail("parseAs", `must be one of ${[...parseAsValues].join(", ")}`);
  checkPathParameters(rest.params);
  if (Array.isArray(rest.middleware)) rest.middleware = rest.middleware.map(clientMiddleware);
  if (idempotencyKey !== undefined) {
    const key = headerValue("idempotencyKey", idempotencyKey);
    rest.headers = mergeHeaders(rest.headers as HeadersOptions | undefined, { "idempotency-key": key });
  }
  if (idempotent !== undefined && typeof idempotent !== "boolean")
    fail("idempotent", `must be a boolean, got ${typeof idempotent}`);
  if (signal !== undefined && signal !== null && !(signal instanceof AbortSignal))
    fail("signal", "must be an AbortSignal");
  const settings: RequestSettings = {};
  if (maxRetries !== undefined) settings.maxRetries = integerOption("maxRetries", maxRetries, 0, 0, 10);
  if (timeoutMs !== undefined) settings.timeoutMs = integerOption("timeoutMs", timeoutMs, 0, 1, 600_000);
  if (maxResponseBytes !== undefined)
    settings.maxResponseBytes = integerOption("maxResponseBytes", maxResponseBytes, 0, 1, Number.MAX_SAFE_INTEGER);
  if (idempotent !== undefined) settings.idempotent = idempotent;
  if (signal) settings.signal = signal;
  if (tenantCode !== undefined) settings.tenantCode = headerValue("tenantCode", tenantCode);
  if (rest.parseAs === "stream") settings.stream = true;
  return { rest, settings: Object.keys(settings).length > 0 ? settings : undefined };
}

function headerValue(option: string, value: unknown): string {
  if (typeof value !== "string") fail(option, `must be a string, got ${typeof value}`);
  if (value.trim() === "" || !isHeaderSafe(value))
    fail(option, `must be visible ASCII with no CR, LF or other control characters, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * openapi-fetch percent-encodes path parameters, but "." and ".." survive encoding and the URL
 * parser resolves them, "" drops a segment, and an array or object is serialized in pieces
 * (`a,b`, `.a.b`, `;a=b`…): each could reach another endpoint.
 */
function checkPathParameters(params: unknown): void {
  const path = (params as { path?: Record<string, unknown> } | undefined)?.path;
  if (!path) return;
  for (const [name, value] of Object.entries(path)) {
    const scalar = typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
    if (!scalar || value === "" || value === "." || value === "..") {
      const shown = Array.isArray(value) ? "an array" : (JSON.stringify(value) ?? "undefined");
      fail(`params.path.${name}`, `must be a non-empty string or a number other than "." and "..", got ${shown}`);
    }
  }
}
