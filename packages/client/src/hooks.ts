/** Passed to `onRetry` before the client waits and tries again. */
export interface RetryEvent {
  method: string;
  path: string;
  /** The attempt that failed, counting from 1. */
  attempt: number;
  /** What went wrong: an HTTP status, or `network`, `timeout` or `unauthorized` (the 401 replay). */
  reason: number | "network" | "timeout" | "unauthorized";
  /** How long the client waits before the next attempt. */
  delayMs: number;
}

/** Passed to `onRateLimit` when a request waits for the limiter or for a server's Retry-After. */
export interface RateLimitEvent {
  /** `limiter` when the client-side limit is full; `server` when a 429 paused the client. */
  source: "limiter" | "server";
  waitMs: number;
}

/** Passed to `onTokenRefresh` after a new access token arrives. Never carries the token. */
export interface TokenRefreshEvent {
  tokenUrl: string;
  /** Why it was fetched: the first request, a token about to expire, an expired one, or a 401. */
  reason: "initial" | "expiring" | "expired" | "rejected";
  expiresInSeconds: number;
  scope: string | undefined;
}

export interface CrmClientHooks {
  onRetry?: (event: RetryEvent) => void;
  onRateLimit?: (event: RateLimitEvent) => void;
  onTokenRefresh?: (event: TokenRefreshEvent) => void;
}
