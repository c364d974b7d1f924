import type { RateLimitStore, StoredToken, TokenStore } from "@engagifii/crm-client";
import type { RedisHealth } from "./redis-health.js";

/** Slots granted by the local store carry this prefix, so that their release goes back to it. */
const localSlot = "local:";

/**
 * The Redis rate-limit store while Redis answers; the local one, at `requests / expectedWorkers`,
 * while it does not. A slot is always released to the store that granted it.
 */
export function withRateLimitFallback(
  redis: RateLimitStore,
  local: RateLimitStore,
  health: RedisHealth,
  expectedWorkers: number,
): RateLimitStore {
  return {
    acquire(key, limit) {
      const localLimit = { ...limit, requests: Math.max(1, Math.floor(limit.requests / expectedWorkers)) };
      return health.run(
        () => redis.acquire(key, limit),
        async () => {
          const decision = await local.acquire(key, localLimit);
          return decision.granted ? { granted: true, slot: `${localSlot}${decision.slot}` } : decision;
        },
      );
    },
    async release(key, slot, limit) {
      if (slot.startsWith(localSlot)) return local.release(key, slot.slice(localSlot.length), limit);
      // A slot granted by Redis that cannot be released there expires there by itself.
      return health.attempt(() => redis.release(key, slot, limit));
    },
    async pauseUntil(key, until) {
      // Locally too: a pause must hold even if Redis goes away before it ends.
      await local.pauseUntil(key, until);
      return health.attempt(() => redis.pauseUntil(key, until));
    },
  };
}

/**
 * The Redis token store while Redis answers; a per-process one while it does not, which keeps a
 * copy of the last token read from Redis so that an outage costs no token request before expiry.
 */
export function withTokenFallback(redis: TokenStore, local: TokenStore, health: RedisHealth): TokenStore {
  const remembered = (key: string) => (token: StoredToken | undefined) => {
    // No stored token is valid for ever, so the local store "fetches": it takes this one.
    if (token) void local.fetchOnce(key, async () => token, { minValidityMs: Number.POSITIVE_INFINITY });
    return token;
  };
  return {
    get(key) {
      return health.run(
        () => redis.get(key).then(remembered(key)),
        () => local.get(key),
      );
    },
    fetchOnce(key, fetchToken, options) {
      // A token fetched before Redis failed is kept, not fetched again.
      let fetched: Promise<StoredToken> | undefined;
      const fetchAtMostOnce = () => {
        fetched ??= fetchToken();
        return fetched;
      };
      return health.run(
        () => redis.fetchOnce(key, fetchAtMostOnce, options).then(remembered(key)) as Promise<StoredToken>,
        () => local.fetchOnce(key, fetchAtMostOnce, options),
      );
    },
    async invalidate(key, rejected) {
      await local.invalidate(key, rejected);
      return health.attempt(() => redis.invalidate(key, rejected));
    },
  };
}
