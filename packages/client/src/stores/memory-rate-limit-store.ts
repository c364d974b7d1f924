import { type Clock, systemClock } from "../transport/clock.js";
import type { RateLimit, RateLimitStore, SlotDecision } from "./rate-limit-store.js";

/** One key's window: the slots still in flight, and the release times of those still counting. */
interface Window {
  inFlight: Set<string>;
  /** Release times in the order they happened (the clock only moves forward); `first` is the oldest still counting. */
  released: number[];
  first: number;
  pausedUntil: number;
}

/** The in-memory store; `entriesHeld` shows that its memory follows the window. */
export interface MemoryRateLimitStore extends RateLimitStore {
  /** How many slot records it holds for `key` (in flight, or released and still counting, plus a little slack). */
  entriesHeld(key: string): number;
}

export interface MemoryStoreOptions {
  /** Where time comes from. Default: the system clock. */
  clock?: Clock;
}

/**
 * The rate limiter's window in this process's memory: the default store. It keeps only what
 * still counts (the slots in flight and those released less than `intervalMs` ago), so its
 * memory is bounded by the window, not by the number of requests made.
 */
export function createMemoryRateLimitStore(options: MemoryStoreOptions = {}): MemoryRateLimitStore {
  const clock = options.clock ?? systemClock;
  const windows = new Map<string, Window>();
  let nextSlot = 0;

  const windowOf = (key: string): Window => {
    let window = windows.get(key);
    if (!window) {
      window = { inFlight: new Set(), released: [], first: 0, pausedUntil: 0 };
      windows.set(key, window);
    }
    return window;
  };

  /** Drops the releases that left the window, compacting the list now and then. */
  const prune = (window: Window, intervalMs: number, now: number): void => {
    const { released } = window;
    while (window.first < released.length && (released[window.first] as number) + intervalMs <= now) window.first++;
    if (window.first > 64 && window.first * 2 > released.length) {
      released.splice(0, window.first);
      window.first = 0;
    }
  };

  const store: MemoryRateLimitStore = {
    async acquire(key: string, limit: RateLimit): Promise<SlotDecision> {
      const now = clock.now();
      const window = windowOf(key);
      if (window.pausedUntil > now) return { granted: false, retryInMs: window.pausedUntil - now };
      prune(window, limit.intervalMs, now);
      const counting = window.inFlight.size + window.released.length - window.first;
      if (counting < limit.requests) {
        const slot = String(++nextSlot);
        window.inFlight.add(slot);
        return { granted: true, slot };
      }
      const oldestRelease = window.released[window.first];
      // Every counted slot is in flight: none can free sooner than intervalMs after its release.
      const retryInMs = oldestRelease === undefined ? limit.intervalMs : oldestRelease + limit.intervalMs - now;
      return { granted: false, retryInMs };
    },

    async release(key: string, slot: string, limit: RateLimit): Promise<void> {
      const window = windows.get(key);
      if (!window?.inFlight.delete(slot)) return;
      const now = clock.now();
      window.released.push(now);
      prune(window, limit.intervalMs, now);
    },

    entriesHeld(key) {
      const window = windows.get(key);
      return window ? window.inFlight.size + window.released.length : 0;
    },

    async pauseUntil(key, until) {
      const window = windowOf(key);
      window.pausedUntil = Math.max(window.pausedUntil, until);
    },
  };
  return store;
}
