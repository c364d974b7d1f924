import { isImmediate } from "../stores/memory-rate-limit-store.js";
import type { RateLimit, RateLimitStore, SlotDecision } from "../stores/rate-limit-store.js";
import type { Grant } from "./grant.js";

/** A request waiting in the limiter's queue. */
export interface Waiter {
  resolve(grant: Grant): void;
  reject(reason: unknown): void;
  enqueuedAt: number;
  /** The limiter's sleep count when this waiter came: a grant without a sleep since then did not wait. */
  sleeps: number;
  stopWatching: (() => void) | undefined;
}

export interface LimiterStorage {
  store: RateLimitStore;
  /** The window's key in the store (API origin and client id). */
  key: string;
}

// How many slots one wake-up asks the store for at most.
const maxBatch = 32;

/**
 * Asks the store for a slot per waiter (at most `maxBatch`, and no more than the window holds).
 * A store in this process's memory answers at once, with no promise: the common case then costs none.
 */
export function askForSlots(
  store: RateLimitStore,
  key: string,
  limit: RateLimit,
  waiting: number,
): SlotDecision[] | Promise<SlotDecision[]> {
  const count = Math.min(waiting, limit.requests, maxBatch);
  if (isImmediate(store)) return Array.from({ length: count }, () => store.acquireNow(key, limit));
  return Promise.all(Array.from({ length: count }, () => store.acquire(key, limit)));
}
