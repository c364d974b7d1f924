/** At most `requests` requests in any `intervalMs`. */
export interface RateLimit {
  requests: number;
  intervalMs: number;
}

/** The answer to an `acquire`: a slot, or how long to wait before asking again. */
export type SlotDecision = { granted: true; slot: string } | { granted: false; retryInMs: number };

/**
 * The rate limiter's shared state: the sliding window of slots and the pause a 429 sets.
 * The default is in memory, per process; `@engagifii/crm-redis` shares it across processes, so
 * that many workers together stay within one budget. Every method is atomic per `key`.
 */
export interface RateLimitStore {
  /**
   * Takes a slot in `key`'s window when fewer than `limit.requests` were taken in the last
   * `limit.intervalMs` and `key` is not paused; otherwise says how long until one may be free.
   */
  acquire(key: string, limit: RateLimit): Promise<SlotDecision>;
  /**
   * The request holding `slot` has its answer: from now on the slot counts for `intervalMs`
   * more, because the server counts a request when it arrives, not when it was sent.
   */
  release(key: string, slot: string, limit: RateLimit): Promise<void>;
  /** Holds every `acquire` on `key` until `until` (epoch ms), for everyone sharing the store. Never shortens a longer pause. */
  pauseUntil(key: string, until: number): Promise<void>;
}
