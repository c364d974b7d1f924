import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createRedisStores, RedisUnavailableError } from "../src/index.js";
import { findRedisServer, PrivateRedis } from "./private-redis.js";

const binary = findRedisServer();
if (!binary) console.warn("SKIPPED faults.test.ts: no redis-server binary on PATH to start, stop and restart");

const limit = { requests: 40, intervalMs: 60_000 };
const token = { accessToken: "local token", expiresAt: Date.now() + 60_000, scope: undefined };

/** Stores on `url` with short timeouts, and the warnings they wrote. */
function storesOn(url: string, options: { onRedisDown?: "local" | "fail" } = {}) {
  const redis = new Redis(url, { lazyConnect: false, retryStrategy: () => 50 });
  redis.on("error", () => undefined);
  const warnings: string[] = [];
  const stores = createRedisStores(redis, {
    prefix: "faults",
    commandTimeoutMs: 200,
    retryRedisAfterMs: 300,
    expectedWorkers: 4,
    logger: { warn: (message) => warnings.push(message) },
    ...options,
  });
  return { redis, warnings, ...stores };
}

const grantedSlot = async (stores: ReturnType<typeof storesOn>) => {
  const decision = await stores.rateLimitStore.acquire("api", limit);
  if (!decision.granted) throw new Error(`expected a slot, got a wait of ${decision.retryInMs} ms`);
  return decision.slot;
};

describe.skipIf(!binary)("when Redis is down, lost or slow", () => {
  const servers: PrivateRedis[] = [];
  const clients: Redis[] = [];
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    for (const server of servers) await server.stop();
  });
  const start = async () => {
    const server = await PrivateRedis.start(binary!);
    servers.push(server);
    return server;
  };
  const open = (...args: Parameters<typeof storesOn>) => {
    const stores = storesOn(...args);
    clients.push(stores.redis);
    return stores;
  };

  it("down at start: falls back to a local budget of requests / expectedWorkers, with one warning", async () => {
    const server = await start();
    await server.stop();
    const stores = open(server.url);
    const started = Date.now();
    const slots: string[] = [];
    for (let decision = await stores.rateLimitStore.acquire("api", limit); decision.granted; ) {
      slots.push(decision.slot);
      decision = await stores.rateLimitStore.acquire("api", limit);
    }
    expect(slots).toHaveLength(40 / 4);
    for (const slot of slots) await stores.rateLimitStore.release("api", slot, limit);
    expect(Date.now() - started).toBeLessThan(1_000);
    const fetched = await stores.tokenStore.fetchOnce("credentials", async () => token, { minValidityMs: 0 });
    expect(fetched).toEqual(token);
    expect(stores.warnings).toHaveLength(1);
    expect(stores.warnings[0]).toContain("Redis is unreachable");
    expect(stores.warnings[0]).toContain("1/4 of the rate limit");
  });

  it('down with onRedisDown: "fail": requests fail with RedisUnavailableError, releases and pauses do not throw', async () => {
    const server = await start();
    await server.stop();
    const stores = open(server.url, { onRedisDown: "fail" });
    await expect(stores.rateLimitStore.acquire("api", limit)).rejects.toThrow(RedisUnavailableError);
    await expect(stores.rateLimitStore.acquire("api", limit)).rejects.toThrow('onRedisDown is "fail"');
    await stores.rateLimitStore.pauseUntil("api", Date.now() + 1_000);
    await stores.rateLimitStore.release("api", "some slot", limit);
    expect(stores.warnings).toHaveLength(1);
  });

  it("lost mid-run: goes on locally, then uses Redis again once it answers", async () => {
    const server = await start();
    const stores = open(server.url);
    await grantedSlot(stores);
    await stores.tokenStore.fetchOnce("credentials", async () => token, { minValidityMs: 0 });
    await server.stop();
    const duringOutage = await grantedSlot(stores);
    // The token read from Redis before the outage is still served: no token request for the outage.
    expect(await stores.tokenStore.get("credentials")).toEqual(token);
    expect(duringOutage.startsWith("local:")).toBe(true);
    await stores.rateLimitStore.release("api", duringOutage, limit);
    await server.start();
    const inspector = new Redis(server.url);
    clients.push(inspector);
    const deadline = Date.now() + 5_000;
    let slot = duringOutage;
    while (slot.startsWith("local:") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      slot = await grantedSlot(stores);
    }
    expect(slot.startsWith("local:")).toBe(false);
    const [slotsKey] = await inspector.keys("faults:rate:*:slots");
    expect(await inspector.zscore(slotsKey!, slot)).not.toBeNull();
    expect(stores.warnings).toHaveLength(1);
  });

  it("slow: a command that takes longer than commandTimeoutMs counts as Redis down, and nothing hangs", async () => {
    const server = await start();
    const stores = open(server.url);
    await grantedSlot(stores);
    const blocker = new Redis(server.url);
    clients.push(blocker);
    await blocker.call("CLIENT", "PAUSE", "700", "ALL");
    const started = Date.now();
    const slot = await grantedSlot(stores);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(slot.startsWith("local:")).toBe(true);
    expect(stores.warnings).toEqual([expect.stringContaining("no answer to EVALSHA within 200 ms")]);
  });
});
