import { describe, expect, it } from "vitest";
import { runManyWorkers } from "./multi-process/run-workers.js";
import { findRedisServer, PrivateRedis } from "./private-redis.js";
import { connectSharedRedis, deleteKeys, redisUrl, uniquePrefix } from "./shared-redis.js";

// 8 processes × 16 concurrent callers against one limit of 50 requests a second; the speed goals
// (total time against the theoretical minimum, fairness) are in bench/src/many-workers.ts.
const shape = { workers: 8, callers: 16, requestsPerCaller: 2, limit: { requests: 50, intervalMs: 1_000 } };
const redis = await connectSharedRedis("many-workers.test.ts");
const binary = findRedisServer();
if (!binary) console.warn("SKIPPED many-workers.test.ts fault case: no redis-server binary on PATH to kill mid-run");

describe.skipIf(!redis)("8 worker processes sharing the Redis stores", () => {
  it("together send no request beyond the limit, fetch one token and lose nothing", async () => {
    const prefix = uniquePrefix("many-workers");
    try {
      const figures = await runManyWorkers({
        ...shape,
        tokenLifetimeSeconds: 3_600,
        redisUrl,
        prefix,
        expectedWorkers: 8,
        deadlineMs: 80_000,
      });
      expect(figures.failures).toEqual([]);
      expect(figures.ok).toBe(figures.requests);
      expect(figures.tooMany).toBe(0);
      expect(figures.tokenRequests).toBe(1);
      expect(figures.warnings).toEqual([]);
    } finally {
      await deleteKeys(redis!, prefix);
      redis!.disconnect();
    }
  }, 90_000);
});

describe.skipIf(!binary)("8 worker processes when Redis dies mid-run", () => {
  it("finish on the local fallback: every request answered, nothing hangs, at most one warning per worker", async () => {
    const server = await PrivateRedis.start(binary!);
    try {
      const figures = await runManyWorkers({
        ...shape,
        tokenLifetimeSeconds: 3_600,
        redisUrl: server.url,
        prefix: "many-workers-fault",
        expectedWorkers: 8,
        midRun: { afterMs: 1_500, action: () => server.stop() },
        deadlineMs: 80_000,
      });
      expect(figures.failures).toEqual([]);
      expect(figures.ok).toBe(figures.requests);
      // One warning per worker that still had requests when Redis died (a worker may have finished before).
      expect(figures.warnings.length).toBeGreaterThan(0);
      expect(figures.warnings.length).toBeLessThanOrEqual(shape.workers);
      for (const warning of figures.warnings) expect(warning).toContain("Redis is unreachable");
      expect(figures.tokenRequests).toBe(1);
    } finally {
      await server.stop();
    }
  }, 90_000);
});
