import type { ResolvedConfig } from "./config.js";
import { processRateLimitStore, sharedRateLimiter } from "./stores/process-defaults.js";
import { RateLimiter } from "./transport/rate-limiter.js";

/** The limiter's key in a RateLimitStore: the API origin and the client id. */
export function rateLimitKey(apiOrigin: string, clientId: string): string {
  return JSON.stringify([apiOrigin, clientId]);
}

/** The client's limiter: one per store, key and limit in this process (see process-defaults.ts). */
export function createLimiter(config: ResolvedConfig): RateLimiter {
  const { rateLimit, clock } = config;
  // Disabled: only the pause a 429 sets remains, for this client.
  if (rateLimit === false) return new RateLimiter({ requests: Number.POSITIVE_INFINITY, intervalMs: 0 }, clock);
  const store = config.rateLimitStore ?? processRateLimitStore(clock);
  return sharedRateLimiter(store, rateLimitKey(config.apiOrigin, config.clientKey), rateLimit, clock);
}
