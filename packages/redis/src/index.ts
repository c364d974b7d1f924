export { createRedisStores, type RedisStores } from "./create-redis-stores.js";
export type { RedisStoresOptions } from "./options.js";
export type { AnyRedisClient, IoRedisLike, NodeRedisLike, RedisClient } from "./redis-client.js";
export { RedisUnavailableError } from "./redis-health.js";
