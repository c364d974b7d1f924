import type { FetchFunction } from "../config.js";
import { AuthenticationError, ConnectionError, CrmApiError, isRecord, TimeoutError } from "../errors.js";
import { AttemptTimeout, attemptSignal, sleep } from "../transport/abort.js";
import { backoffDelay } from "../transport/backoff.js";
import { readRetryAfterMs } from "../transport/retry-after.js";
import type { TokenResponse } from "./token-provider.js";

export interface TokenRequestOptions {
  fetch: FetchFunction;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string | undefined;
  maxRetries: number;
  timeoutMs: number;
  /** Called before each retry with the failed attempt number and the delay. */
  onRetry?: (attempt: number, reason: number | "network" | "timeout", delayMs: number) => void;
}

const retryableStatuses = new Set([408, 429, 500, 502, 503, 504]);

/**
 * The client-credentials grant (RFC 6749 §4.4), form-encoded, with the secret in the body.
 * A network failure or a 5xx is retried with backoff; an OAuth error (400/401) is final.
 */
export async function requestToken(
  options: TokenRequestOptions,
  callerSignal?: AbortSignal | null,
): Promise<TokenResponse> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: options.clientId,
    client_secret: options.clientSecret,
  });
  if (options.scope) form.set("scope", options.scope);
  const body = form.toString();
  const path = new URL(options.tokenUrl).pathname;

  for (let attempt = 1; ; attempt++) {
    const context = { method: "POST", path, tenantCode: undefined, requestId: undefined, attempts: attempt };
    const { signal, dispose } = attemptSignal(callerSignal, options.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(
        new Request(options.tokenUrl, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body,
          signal,
        }),
      );
      text = await response.text();
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      const timedOut = signal.reason instanceof AttemptTimeout;
      if (attempt <= options.maxRetries) {
        const delay = backoffDelay(attempt);
        options.onRetry?.(attempt, timedOut ? "timeout" : "network", delay);
        await sleep(delay, callerSignal);
        continue;
      }
      const message = `Token request to ${options.tokenUrl} ${timedOut ? `timed out after ${options.timeoutMs} ms` : "failed: the network request did not complete"}`;
      throw timedOut
        ? new TimeoutError(message, context, { cause: error })
        : new ConnectionError(message, context, { cause: error });
    } finally {
      dispose();
    }

    const parsed = parseJson(text);
    if (response.ok) return readTokenResponse(parsed, options.tokenUrl, context);
    if (retryableStatuses.has(response.status) && attempt <= options.maxRetries) {
      const delay = readRetryAfterMs(response.headers) ?? backoffDelay(attempt);
      options.onRetry?.(attempt, response.status, delay);
      await sleep(delay, callerSignal);
      continue;
    }
    const requestId = response.headers.get("x-request-id") ?? undefined;
    if (response.status === 400 || response.status === 401) {
      const error =
        isRecord(parsed) && typeof parsed.error === "string"
          ? `${parsed.error}${typeof parsed.error_description === "string" ? ` (${parsed.error_description})` : ""}`
          : `status ${response.status}`;
      throw new AuthenticationError(
        `Token request to ${options.tokenUrl} was refused: ${error}`,
        response.status,
        parsed,
        { ...context, requestId },
      );
    }
    throw CrmApiError.fromResponse(response.status, parsed, { ...context, path, requestId }, response.headers);
  }
}

function readTokenResponse(
  body: unknown,
  tokenUrl: string,
  context: ConstructorParameters<typeof ConnectionError>[1],
): TokenResponse {
  if (!isRecord(body) || typeof body.access_token !== "string" || body.access_token === "") {
    throw new AuthenticationError(`Token response from ${tokenUrl} has no access_token`, 200, undefined, context);
  }
  const tokenType = body.token_type;
  if (typeof tokenType === "string" && tokenType.toLowerCase() !== "bearer") {
    throw new AuthenticationError(
      `Token response from ${tokenUrl} has token_type "${tokenType}"; only Bearer is supported`,
      200,
      undefined,
      context,
    );
  }
  const expiresIn = typeof body.expires_in === "number" ? body.expires_in : Number(body.expires_in);
  return {
    accessToken: body.access_token,
    // RFC 6749 makes expires_in optional; the guide documents one hour.
    expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600,
    scope: typeof body.scope === "string" ? body.scope : undefined,
  };
}

export function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
