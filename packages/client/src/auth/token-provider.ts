import type { TokenRefreshEvent } from "../hooks.js";

/** Supplies the bearer token for API requests. */
export interface TokenProvider {
  /** A usable token: the cached one, or one fetched now (concurrent callers share one fetch). */
  token(signal?: AbortSignal | null): string | Promise<string>;
  /** Forgets `rejected` after the API answered 401 to it; true when a replay may get a different token. */
  invalidate(rejected: string): boolean;
}

/** A token the caller holds, or gets from its own function (e.g. SSO); called again after a 401. */
export function staticTokenProvider(accessToken: string | (() => string | Promise<string>)): TokenProvider {
  if (typeof accessToken === "string") return { token: () => accessToken, invalidate: () => false };
  return { token: () => accessToken(), invalidate: () => true };
}

export interface TokenResponse {
  accessToken: string;
  expiresInSeconds: number;
  scope: string | undefined;
}

export interface ClientCredentialsOptions {
  tokenUrl: string;
  scope: string | undefined;
  /** Performs the token request, with its own retries; see request-token.ts. */
  requestToken: () => Promise<TokenResponse>;
  now?: () => number;
  onRefresh?: (event: TokenRefreshEvent) => void;
  onBackgroundError?: (error: unknown) => void;
}

/**
 * Refresh this long before expiry: a tenth of the lifetime, at most five minutes, at least one second.
 * A one-hour token is renewed five minutes early; a one-minute token six seconds early.
 */
export function refreshWindowMs(lifetimeMs: number): number {
  return Math.max(Math.min(lifetimeMs * 0.1, 300_000), Math.min(1_000, lifetimeMs / 2));
}

/**
 * OAuth2 client-credentials tokens, cached in memory. One request at a time: concurrent callers
 * share it. Inside the refresh window the current token is still served while a new one is
 * fetched in the background; only an expired (or rejected) token makes callers wait.
 */
export function clientCredentialsProvider(options: ClientCredentialsOptions): TokenProvider {
  const now = options.now ?? Date.now;
  let current: { token: string; expiresAt: number; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  let backgroundRetryAfter = 0;

  // The shared request takes no caller's signal: one caller giving up must not fail the others.
  const refresh = (reason: TokenRefreshEvent["reason"]): Promise<string> => {
    inFlight ??= options
      .requestToken()
      .then((response) => {
        const issuedAt = now();
        const lifetimeMs = response.expiresInSeconds * 1000;
        current = {
          token: response.accessToken,
          expiresAt: issuedAt + lifetimeMs,
          refreshAt: issuedAt + lifetimeMs - refreshWindowMs(lifetimeMs),
        };
        options.onRefresh?.({
          tokenUrl: options.tokenUrl,
          reason,
          expiresInSeconds: response.expiresInSeconds,
          scope: response.scope ?? options.scope,
        });
        return response.accessToken;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  return {
    token(signal) {
      const time = now();
      if (current && time < current.refreshAt) return current.token;
      if (current && time < current.expiresAt) {
        if (!inFlight && time >= backgroundRetryAfter) {
          refresh("expiring").catch((error: unknown) => {
            // Keep serving the current token; try again a little later rather than on every request.
            backgroundRetryAfter = now() + Math.min(30_000, (current?.expiresAt ?? now()) - now()) / 4;
            options.onBackgroundError?.(error);
          });
        }
        return current.token;
      }
      return untilAborted(inFlight ?? refresh(current ? "expired" : "initial"), signal);
    },
    invalidate(rejected) {
      if (current?.token === rejected) current = undefined;
      return true;
    },
  };
}

/** The promise's result, or the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
