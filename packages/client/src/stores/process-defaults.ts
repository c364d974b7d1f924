import type { Clock } from "../transport/clock.js";
import { RateLimiter } from "../transport/rate-limiter.js";
import { createMemoryRateLimitStore } from "./memory-rate-limit-store.js";
import { createMemoryTokenStore } from "./memory-token-store.js";
import type { RateLimit, RateLimitStore } from "./rate-limit-store.js";
import type { TokenStore } from "./token-store.js";

const rateLimitStores = new WeakMap<Clock, RateLimitStore>();
const tokenStores = new WeakMap<Clock, Map<string, TokenStore>>();
const limiters = new WeakMap<RateLimitStore, Map<string, RateLimiter>>();

/** The in-memory rate-limit store every client of this process shares by default. */
export function processRateLimitStore(clock: Clock): RateLimitStore {
  let store = rateLimitStores.get(clock);
  if (!store) {
    store = createMemoryRateLimitStore({ clock });
    rateLimitStores.set(clock, store);
  }
  return store;
}

/**
 * The in-memory token store this process's clients share by default, one per client secret:
 * a client with a wrong secret never borrows the token another client got with the right one.
 * The secret only selects a store in memory; it is never part of a key.
 */
export function processTokenStore(clock: Clock, clientSecret: string): TokenStore {
  let bySecret = tokenStores.get(clock);
  if (!bySecret) {
    bySecret = new Map();
    tokenStores.set(clock, bySecret);
  }
  let store = bySecret.get(clientSecret);
  if (!store) {
    store = createMemoryTokenStore({ clock });
    bySecret.set(clientSecret, store);
  }
  return store;
}

/**
 * One limiter (one FIFO queue) per store, key and limit in this process, so that every client
 * with the same credentials, `withTenant` clients included, queues fairly for one budget.
 */
export function sharedRateLimiter(store: RateLimitStore, key: string, limit: RateLimit, clock: Clock): RateLimiter {
  let byKey = limiters.get(store);
  if (!byKey) {
    byKey = new Map();
    limiters.set(store, byKey);
  }
  const fullKey = `${key}|${limit.requests}/${limit.intervalMs}`;
  let limiter = byKey.get(fullKey);
  if (!limiter) {
    limiter = new RateLimiter(limit, clock, { store, key });
    byKey.set(fullKey, limiter);
  }
  return limiter;
}
