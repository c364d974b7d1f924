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

/** The cached token of one set of credentials, shared by every client that uses them. */
export interface TokenCacheEntry {
  current?: { token: string; expiresAt: number; refreshAt: number } | undefined;
  inFlight?: Promise<string> | undefined;
  /** After a failed background refresh, when to try again. */
  backgroundRetryAfter: number;
  /** The API refused the cached token (401); the next one is fetched for that reason. */
  rejected?: boolean;
}

/**
 * OAuth2 client-credentials tokens, cached in memory. One request at a time: concurrent callers
 * share it. Inside the refresh window the current token is still served while a new one is
 * fetched in the background; only an expired (or rejected) token makes callers wait.
 */
export function clientCredentialsProvider(
  options: ClientCredentialsOptions,
  cache: TokenCacheEntry = { backgroundRetryAfter: 0 },
): TokenProvider {
  const now = options.now ?? Date.now;

  // The shared request takes no caller's signal: one caller giving up must not fail the others.
  const refresh = (reason: TokenRefreshEvent["reason"]): Promise<string> => {
    cache.inFlight ??= options
      .requestToken()
      .then((response) => {
        const issuedAt = now();
        const lifetimeMs = response.expiresInSeconds * 1000;
        cache.rejected = false;
        cache.current = {
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
        cache.inFlight = undefined;
      });
    return cache.inFlight;
  };

  return {
    token(signal) {
      const time = now();
      const current = cache.current;
      if (current && time < current.expiresAt) {
        // Inside the refresh window: fetch the next token in the background.
        if (time >= current.refreshAt && !cache.inFlight && time >= cache.backgroundRetryAfter) {
          refresh("expiring").catch((error: unknown) => {
            // Keep serving the current token; try again a little later rather than on every request.
            cache.backgroundRetryAfter = now() + Math.min(30_000, (current.expiresAt - now()) / 4);
            options.onBackgroundError?.(error);
          });
        }
        return current.token;
      }
      return untilAborted(
        cache.inFlight ?? refresh(cache.rejected ? "rejected" : current ? "expired" : "initial"),
        signal,
      );
    },
    invalidate(rejected) {
      if (cache.current?.token === rejected) {
        cache.current = undefined;
        cache.rejected = true;
      }
      return true;
    },
  };
}

const sharedCaches = new Map<string, TokenCacheEntry>();

/**
 * The token cache for (tokenUrl, clientId, scope) in this process, so that clients created
 * again with the same credentials (a serverless handler per invocation, say) reuse the token.
 * The secret is part of the key: a client with a wrong secret never borrows a valid token.
 */
export function sharedTokenCache(
  tokenUrl: string,
  clientId: string,
  scope: string | undefined,
  clientSecret: string,
): TokenCacheEntry {
  const key = JSON.stringify([tokenUrl, clientId, scope ?? "", clientSecret]);
  let entry = sharedCaches.get(key);
  if (!entry) {
    entry = { backgroundRetryAfter: 0 };
    sharedCaches.set(key, entry);
  }
  return entry;
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
