import { RateLimitError } from "../errors.js";
import type { CrmClientHooks } from "../hooks.js";
import { backoffDelay } from "./backoff.js";
import type { Clock } from "./clock.js";
import { type CrmRequest, contextOfRequest, type Policy } from "./pipeline.js";
import { type RateLimiter, WaitPastDeadline } from "./rate-limiter.js";
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
 * its Retry-After. A request that cannot wait for its place fails at once with RateLimitError
 * rather than stall: when the wait (a pause, set here or by another process sharing the store,
 * or a full window) outlasts its deadline, or without a deadline when a pause here outlasts a minute.
 */
export function rateLimitPolicy(options: RateLimitPolicyOptions): Policy {
  const { limiter, clock, hooks } = options;
  return async (request, next) => {
    const { deadline, signal } = request.settings;
    const pausedMs = limiter.pausedForMs();
    if (pausedMs > (deadline === undefined ? maxRetryAfterMs : deadline - clock.now()))
      throw notSent(request, "the API asked to pause", pausedMs, clock);
    const grant = await limiter.acquire(signal, deadline).catch((error: unknown) => {
      const holding = "the rate limit (a 429's pause, or a full window) holds requests";
      throw error instanceof WaitPastDeadline ? notSent(request, holding, error.waitMs, clock) : error;
    });
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

/** The error for a request that cannot wait `waitMs` for its place: `what` holds it, and for longer than it may wait. */
function notSent(request: CrmRequest, what: string, waitMs: number, clock: Clock): RateLimitError {
  const { deadline } = request.settings;
  const patience =
    deadline === undefined
      ? `the ${seconds(maxRetryAfterMs)} a request waits at most`
      : `the ${seconds(deadline - clock.now())} left before its timeoutMs`;
  const context = contextOfRequest(request);
  const message = `${context.method} ${context.path} was not sent: ${what} for ${seconds(waitMs)}, longer than ${patience}`;
  return new RateLimitError(message, 429, undefined, context, waitMs);
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;
