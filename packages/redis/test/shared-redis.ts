import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";

/** The Redis every test run shares (other test runs use it too: each file has its own prefix). */
export const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * A connected ioredis client, or undefined with one visible line saying why the tests are skipped.
 * With CI=true a missing Redis fails the run instead: CI must have one.
 */
export async function connectSharedRedis(file: string): Promise<Redis | undefined> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  let lastError: Error | undefined;
  redis.on("error", (error: Error) => {
    lastError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    const reason = `no Redis answers at ${redisUrl} (${(lastError ?? (error as Error)).message})`;
    if (process.env.CI === "true") throw new Error(`${file}: ${reason}; CI=true requires one (set REDIS_URL)`);
    console.warn(`SKIPPED ${file}: ${reason}; set REDIS_URL to run these tests`);
    return undefined;
  }
}

/** A key prefix no other test file or test run uses. */
export function uniquePrefix(file: string): string {
  return `crm-redis-test:${file}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}
