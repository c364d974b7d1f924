import { randomUUID } from "node:crypto";
import type { RateLimit, RateLimitStore, SlotDecision } from "@engagifii/crm-client";
import { rateLimitKeys } from "./keys.js";
import { acquireScript, pauseScript, releaseScript } from "./lua/rate-limit-scripts.js";
import { type RedisClient, runScript } from "./redis-client.js";

export interface RedisRateLimitStoreOptions {
  prefix: string;
  /** How long a slot whose response never came (its process died) counts at most, besides the interval. */
  inFlightMs: number;
  /** The shortest wait an acquire returns, so that waiters never poll Redis in a tight loop. */
  pollMs: number;
  /** The time in ms for the scripts; default: the Redis server's clock. For tests. */
  now?: (() => number) | undefined;
}

/** Granted without a limit (`requests: Infinity`): nothing to release. */
const unlimitedSlot = "unlimited";

/** A sliding-window RateLimitStore in Redis: one atomic Lua script per call, on Redis time. */
export function createRedisRateLimitStore(redis: RedisClient, options: RedisRateLimitStoreOptions): RateLimitStore {
  // Identifies this store's process in the queue of waiters.
  const waiterId = randomUUID();
  const time = () => (options.now ? String(options.now()) : "");
  const waiterGraceMs = 4 * options.pollMs + 250;

  return {
    async acquire(key: string, limit: RateLimit): Promise<SlotDecision> {
      const keys = rateLimitKeys(options.prefix, key);
      const limited = Number.isFinite(limit.requests);
      const slot = limited ? randomUUID() : unlimitedSlot;
      const reply = (await runScript(
        redis,
        acquireScript,
        [keys.slots, keys.pause, keys.queue, keys.queueDeadlines],
        [
          time(),
          limited ? limit.requests : -1,
          limit.intervalMs,
          slot,
          waiterId,
          options.inFlightMs,
          options.pollMs,
          waiterGraceMs,
        ],
      )) as [number, number];
      return Number(reply[0]) === 1 ? { granted: true, slot } : { granted: false, retryInMs: Number(reply[1]) };
    },

    async release(key: string, slot: string, limit: RateLimit): Promise<void> {
      if (slot === unlimitedSlot) return;
      await runScript(
        redis,
        releaseScript,
        [rateLimitKeys(options.prefix, key).slots],
        [time(), limit.intervalMs, slot],
      );
    },

    async pauseUntil(key: string, until: number): Promise<void> {
      // `until` is on this process's clock: send the duration, and Redis adds it to its own time.
      const ms = until - (options.now ?? Date.now)();
      if (ms <= 0) return;
      await runScript(redis, pauseScript, [rateLimitKeys(options.prefix, key).pause], [time(), ms]);
    },
  };
}
