import { randomUUID } from "node:crypto";
import type { RateLimit, RateLimitStore, SlotDecision } from "@engagifii/crm-client";

interface Window {
  /** Slot → when it stops counting; Infinity while its request is in flight. */
  slots: Map<string, number>;
  pausedUntil: number;
}

/** An in-process RateLimitStore with the Redis store's semantics, for when Redis is unreachable. */
export function createLocalRateLimitStore(now: () => number = Date.now): RateLimitStore {
  const windows = new Map<string, Window>();
  const windowOf = (key: string): Window => {
    let window = windows.get(key);
    if (!window) {
      window = { slots: new Map(), pausedUntil: 0 };
      windows.set(key, window);
    }
    return window;
  };

  return {
    async acquire(key: string, limit: RateLimit): Promise<SlotDecision> {
      const time = now();
      const window = windowOf(key);
      for (const [slot, endsAt] of window.slots) if (endsAt <= time) window.slots.delete(slot);
      const pausedFor = Math.max(0, window.pausedUntil - time);
      const excess = window.slots.size - limit.requests;
      if (pausedFor === 0 && excess < 0) {
        const slot = randomUUID();
        if (Number.isFinite(limit.requests)) window.slots.set(slot, Number.POSITIVE_INFINITY);
        return { granted: true, slot };
      }
      // The slot whose end lets one more in; one in flight ends no sooner than an interval from now.
      const ends = [...window.slots.values()].sort((a, b) => a - b);
      const slotWait = excess >= 0 ? Math.min((ends[excess] ?? time) - time, limit.intervalMs) : 0;
      return { granted: false, retryInMs: Math.max(1, Math.ceil(Math.max(pausedFor, slotWait))) };
    },
    async release(key: string, slot: string, limit: RateLimit): Promise<void> {
      const window = windowOf(key);
      if (window.slots.has(slot)) window.slots.set(slot, now() + limit.intervalMs);
    },
    async pauseUntil(key: string, until: number): Promise<void> {
      const window = windowOf(key);
      window.pausedUntil = Math.max(window.pausedUntil, until);
    },
  };
}
