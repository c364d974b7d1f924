import type { TokenRefreshEvent } from "../hooks.js";
import type { StoredToken, TokenStore } from "../stores/token-store.js";
import type { Clock } from "../transport/clock.js";
import type { TokenProvider } from "./token-provider.js";

export interface TokenResponse {
  accessToken: string;
  expiresInSeconds: number;
  scope: string | undefined;
}

export interface ClientCredentialsOptions {
  /** Where the token lives; clients sharing the store and key share the token. */
  store: TokenStore;
  /** The credentials' key in the store: token URL, client id and scope, never the secret. */
  key: string;
  tokenUrl: string;
  scope: string | undefined;
  /** Performs the token request, with its own retries; see request-token.ts. */
  requestToken: () => Promise<TokenResponse>;
  clock: Clock;
  /** Called with every token this client uses, so that it can scrub it from output. */
  onToken: (token: string) => void;
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
 * OAuth2 client-credentials tokens from a TokenStore. Inside the refresh window the current
 * token is still served while a new one is fetched in the background; only an expired (or
 * rejected) token makes callers wait. The store makes sure one fetch runs at a time.
 */
export function clientCredentialsProvider(options: ClientCredentialsOptions): TokenProvider {
  const { store, key, clock } = options;
  // The token this client last saw, and its lifetime (measured from when it was first seen, if fetched elsewhere).
  let seen: { token: string; lifetimeMs: number } | undefined;
  let rejected: string | undefined;
  let backgroundAfter = 0;

  const fetchToken = (reason: TokenRefreshEvent["reason"]) => async (): Promise<StoredToken> => {
    const response = await options.requestToken();
    const lifetimeMs = response.expiresInSeconds * 1000;
    seen = { token: response.accessToken, lifetimeMs };
    const { tokenUrl, scope } = options;
    options.onRefresh?.({
      tokenUrl,
      reason,
      expiresInSeconds: response.expiresInSeconds,
      scope: response.scope ?? scope,
    });
    return { accessToken: response.accessToken, expiresAt: clock.now() + lifetimeMs, scope: response.scope };
  };

  const use = (stored: StoredToken, now: number): string => {
    if (seen?.token !== stored.accessToken) seen = { token: stored.accessToken, lifetimeMs: stored.expiresAt - now };
    options.onToken(stored.accessToken);
    return stored.accessToken;
  };

  const refreshInBackground = (windowMs: number, now: number): void => {
    if (now < backgroundAfter) return;
    backgroundAfter = now + Math.min(30_000, windowMs / 4); // not on every request, and later again after a failure
    store.fetchOnce(key, fetchToken("expiring"), { minValidityMs: windowMs }).then(
      (fresh) => use(fresh, clock.now()),
      (error: unknown) => options.onBackgroundError?.(error),
    );
  };

  return {
    async token(signal) {
      const now = clock.now();
      const stored = await store.get(key);
      if (stored && stored.accessToken !== rejected && now < stored.expiresAt) {
        const token = use(stored, now);
        const windowMs = refreshWindowMs(seen?.lifetimeMs ?? stored.expiresAt - now);
        if (now >= stored.expiresAt - windowMs) refreshInBackground(windowMs, now);
        return token;
      }
      const reason = rejected !== undefined ? "rejected" : stored ? "expired" : "initial";
      const fresh = await store.fetchOnce(key, fetchToken(reason), {
        unusable: rejected,
        minValidityMs: 1,
        signal: signal ?? undefined,
      });
      if (fresh.accessToken !== rejected) rejected = undefined;
      return use(fresh, clock.now());
    },
    async invalidate(token) {
      rejected = token;
      await store.invalidate(key, token);
      return true;
    },
  };
}
