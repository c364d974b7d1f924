import { backoffDelay } from "./backoff.js";
import { readRetryAfterMs } from "./retry-after.js";
import { retryableStatuses } from "./retry-rules.js";

/** What an attempt ended with: a response, or a failure before one arrived in full. */
export type AttemptOutcome =
  | { kind: "response"; status: number; headers: Headers }
  | { kind: "failure"; timedOut: boolean; neverSent: boolean };

export interface RetryQuestion {
  /** Retries made so far (0 after the first attempt). */
  retries: number;
  maxRetries: number;
  outcome: AttemptOutcome;
  /** Whether the request may be sent again after the server may have processed it. */
  idempotent: boolean;
  /** The clock's time, to read a Retry-After date. */
  now: number;
  /** Time left before the call's deadline; Infinity without one. */
  remainingMs: number;
  /** Uniform in [0, 1), for the backoff's jitter. */
  random: () => number;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/** A Retry-After longer than this is not waited out: the caller gets the 429 or 503 and decides. */
export const maxRetryAfterMs = 60_000;

const stop: RetryDecision = { retry: false };

/**
 * Whether to try again, and after how long: a pure function of the attempt's outcome. A 429
 * proves the request was not processed, so it is retried whatever the method; a failure that
 * never reached a server (refused, unknown host) likewise. A wait that would pass the deadline
 * is not started.
 */
export function decideRetry(question: RetryQuestion): RetryDecision {
  const { outcome, retries, idempotent } = question;
  if (retries >= question.maxRetries) return stop;
  let delayMs = backoffDelay(retries + 1, undefined, question.random);
  if (outcome.kind === "failure") {
    if (!idempotent && !outcome.neverSent) return stop;
  } else {
    const { status } = outcome;
    if (!retryableStatuses.has(status) || (!idempotent && status !== 429)) return stop;
    const retryAfterMs = readRetryAfterMs(outcome.headers, question.now);
    if (retryAfterMs !== undefined) {
      if (retryAfterMs > maxRetryAfterMs) return stop;
      delayMs = retryAfterMs;
    }
  }
  return delayMs < question.remainingMs ? { retry: true, delayMs } : stop;
}
