import {
  createMemoryRateLimitStore,
  createMemoryTokenStore,
  type RateLimitStore,
  type TokenStore,
} from "@engagifii/crm-client";
import { withRateLimitFallback, withTokenFallback } from "./fallback-stores.js";
import { type RedisStoresOptions, resolveOptions } from "./options.js";
import { type AnyRedisClient, type RedisClient, toRedisClient } from "./redis-client.js";
import { createRedisHealth, withCommandTimeout } from "./redis-health.js";
import { createRedisRateLimitStore } from "./redis-rate-limit-store.js";
import { createRedisTokenStore } from "./redis-token-store.js";

export interface RedisStores {
  tokenStore: TokenStore;
  rateLimitStore: RateLimitStore;
}

/** The shortest wait an acquire returns: waiters never poll Redis in a tight loop. */
const pollMs = 10;

/**
 * A token store and a rate-limit store on Redis, to spread into `createCrmClient`'s options: every
 * client using them shares one token and one request budget, in any process on any machine.
 *
 * @param redis An ioredis client or cluster, a node-redis v4/v5 client, or `{ sendCommand }`.
 */
export function createRedisStores(redis: AnyRedisClient | RedisClient, options: RedisStoresOptions): RedisStores {
  const resolved = resolveOptions(options);
  const client = withCommandTimeout(toRedisClient(redis), resolved.commandTimeoutMs);
  const health = createRedisHealth({
    onRedisDown: resolved.onRedisDown,
    retryAfterMs: resolved.retryRedisAfterMs,
    probe: () => client.sendCommand(["PING"]),
    logger: resolved.logger,
    fallback:
      resolved.onRedisDown === "fail"
        ? "requests fail until it answers"
        : `each process uses its own token and 1/${resolved.expectedWorkers} of the rate limit (expectedWorkers)`,
    now: Date.now,
  });
  return {
    tokenStore: withTokenFallback(
      createRedisTokenStore(client, { prefix: resolved.prefix, lockMs: resolved.tokenLockMs }),
      createMemoryTokenStore(),
      health,
    ),
    rateLimitStore: withRateLimitFallback(
      createRedisRateLimitStore(client, { prefix: resolved.prefix, inFlightMs: resolved.inFlightMs, pollMs }),
      createMemoryRateLimitStore(),
      health,
      resolved.expectedWorkers,
    ),
  };
}
