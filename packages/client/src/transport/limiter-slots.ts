import type { RateLimit, RateLimitStore, SlotDecision } from "../stores/rate-limit-store.js";
import type { Grant } from "./grant.js";

/** A request waiting in the limiter's queue. */
export interface Waiter {
  resolve(grant: Grant): void;
  reject(reason: unknown): void;
  enqueuedAt: number;
  /** When the request's deadline passes (clock time; Infinity without one). */
  deadline: number;
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

/** How many slots to ask for: one per waiter, at most `maxBatch`, and no more than the window holds. */
function batchSize(limit: RateLimit, waiting: number): number {
  return Math.min(waiting, limit.requests, maxBatch);
}

/** Slots from the store: one `acquire` per slot, in parallel. */
export function askStoreForSlots(
  store: RateLimitStore,
  key: string,
  limit: RateLimit,
  waiting: number,
): Promise<SlotDecision[]> {
  // A plain loop: Array.from({ length }) costs more than the in-memory store's answer.
  const decisions: Promise<SlotDecision>[] = [];
  for (let count = batchSize(limit, waiting); count > 0; count--) decisions.push(store.acquire(key, limit));
  return Promise.all(decisions);
}
