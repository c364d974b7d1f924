import { RateLimitError } from "../errors.js";
import type { CrmClientHooks } from "../hooks.js";
import { backoffDelay } from "./backoff.js";
import type { Clock } from "./clock.js";
import { contextOfRequest, type Policy } from "./pipeline.js";
import type { RateLimiter } from "./rate-limiter.js";
import { readRetryAfterMs } from "./retry-after.js";
import { maxRetryAfterMs } from "./retry-decision.js";

export interface RateLimitPolicyOptions {
  limiter: RateLimiter;
  clock: Clock;
  hooks: CrmClientHooks;
}

// A server's pause is kept at most this long, whatever its Retry-After says.
const longestPauseMs = 3_600_000;

/**
 * Takes a place in the rate limit for the attempt and gives it back when the answer is in,
 * whatever happens (a hook that throws included). A 429 pauses everyone sharing the limit for
 * its Retry-After. A request that cannot wait that long (its deadline, or a minute without one)
 * fails at once with RateLimitError rather than stall.
 */
export function rateLimitPolicy(options: RateLimitPolicyOptions): Policy {
  const { limiter, clock, hooks } = options;
  return async (request, next) => {
    const { deadline, signal } = request.settings;
    const pausedMs = limiter.pausedForMs();
    const patienceMs = deadline === undefined ? maxRetryAfterMs : deadline - clock.now();
    if (pausedMs > patienceMs) {
      const context = contextOfRequest(request);
      const message = `${context.method} ${context.path} was not sent: the API asked to pause for ${Math.ceil(pausedMs / 1000)} s`;
      throw new RateLimitError(message, 429, undefined, context, pausedMs);
    }
    const grant = await limiter.acquire(signal);
    try {
      if (grant.waitedMs > 0) hooks.onRateLimit?.({ source: "limiter", waitMs: grant.waitedMs });
      const response = await next(request);
      if (response.status === 429) {
        const retryAfterMs = readRetryAfterMs(response.headers, clock.now());
        const pauseMs = Math.min(retryAfterMs ?? backoffDelay(1), longestPauseMs);
        limiter.pause(pauseMs);
        hooks.onRateLimit?.({ source: "server", waitMs: pauseMs });
      }
      return response;
    } finally {
      grant.release();
    }
  };
}
