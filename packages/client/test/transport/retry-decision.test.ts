import { describe, expect, it } from "vitest";
import { type AttemptOutcome, decideRetry, type RetryQuestion } from "../../src/transport/retry-decision.js";

const status = (code: number, headers: Record<string, string> = {}): AttemptOutcome => ({
  kind: "response",
  status: code,
  headers: new Headers(headers),
});
const failure = (neverSent = false, timedOut = false): AttemptOutcome => ({ kind: "failure", timedOut, neverSent });

/** No timers anywhere: the decision is a value. `random: () => 0.5` makes the jitter half the ceiling. */
function ask(outcome: AttemptOutcome, question: Partial<RetryQuestion> = {}) {
  return decideRetry({
    retries: 0,
    maxRetries: 2,
    outcome,
    idempotent: true,
    now: 0,
    remainingMs: Number.POSITIVE_INFINITY,
    random: () => 0.5,
    ...question,
  });
}

describe("decideRetry", () => {
  it("retries the retryable statuses after the jittered backoff, up to maxRetries", () => {
    for (const code of [408, 429, 500, 502, 503, 504]) expect(ask(status(code))).toEqual({ retry: true, delayMs: 250 });
    expect(ask(status(503), { retries: 1 })).toEqual({ retry: true, delayMs: 500 });
    expect(ask(status(503), { retries: 2 })).toEqual({ retry: false });
    for (const code of [200, 400, 401, 404, 409, 501]) expect(ask(status(code))).toEqual({ retry: false });
  });

  it("waits what Retry-After says (seconds, milliseconds or a date), but not more than a minute", () => {
    expect(ask(status(503, { "retry-after": "3" }))).toEqual({ retry: true, delayMs: 3000 });
    expect(ask(status(429, { "retry-after-ms": "120" }))).toEqual({ retry: true, delayMs: 120 });
    const now = Date.parse("2026-01-01T00:00:00Z");
    const date = new Date(now + 5000).toUTCString();
    expect(ask(status(503, { "retry-after": date }), { now })).toEqual({ retry: true, delayMs: 5000 });
    expect(ask(status(503, { "retry-after": "61" }))).toEqual({ retry: false });
  });

  it("sends a POST again only after a 429, or a failure that never reached a server", () => {
    expect(ask(status(503), { idempotent: false })).toEqual({ retry: false });
    expect(ask(status(429), { idempotent: false })).toEqual({ retry: true, delayMs: 250 });
    expect(ask(failure(false), { idempotent: false })).toEqual({ retry: false });
    expect(ask(failure(true), { idempotent: false })).toEqual({ retry: true, delayMs: 250 });
    expect(ask(failure(false, true), { idempotent: true })).toEqual({ retry: true, delayMs: 250 });
  });

  it("does not start a wait that would pass the deadline", () => {
    expect(ask(status(503, { "retry-after": "2" }), { remainingMs: 1999 })).toEqual({ retry: false });
    expect(ask(status(503, { "retry-after": "2" }), { remainingMs: 2001 })).toEqual({ retry: true, delayMs: 2000 });
    expect(ask(failure(true), { remainingMs: 100 })).toEqual({ retry: false });
  });
});
