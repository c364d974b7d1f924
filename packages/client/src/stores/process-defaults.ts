import type { Clock } from "../transport/clock.js";
import { RateLimiter } from "../transport/rate-limiter.js";
import { createMemoryRateLimitStore } from "./memory-rate-limit-store.js";
import type { RateLimit, RateLimitStore } from "./rate-limit-store.js";
import type { TokenStore } from "./token-store.js";
import { TokenStoresBySecret } from "./token-stores-by-secret.js";

const rateLimitStores = new WeakMap<Clock, RateLimitStore>();
const tokenStores = new WeakMap<Clock, TokenStoresBySecret>();
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
 * A store goes once no client holds it and its tokens have expired (see token-stores-by-secret.ts).
 */
export function processTokenStore(clock: Clock, clientSecret: string): TokenStore {
  let stores = tokenStores.get(clock);
  if (!stores) {
    stores = new TokenStoresBySecret(clock);
    tokenStores.set(clock, stores);
  }
  return stores.storeFor(clientSecret);
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
