import { EventEmitter } from "node:events";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { createClient as createClientV4 } from "redis-v4";
import { afterAll, describe, expect, it } from "vitest";
import { createRedisStores } from "../src/index.js";
import { connectSharedRedis, deleteKeys, redisUrl, uniquePrefix } from "./shared-redis.js";

const shared = await connectSharedRedis("adapters.test.ts");
const prefix = uniquePrefix("adapters");
const limit = { requests: 2, intervalMs: 60_000 };

describe("createRedisStores' checks", () => {
  it("names what it expected when given something that is not a Redis client", () => {
    expect(() => createRedisStores({} as Redis, { prefix: "x" })).toThrow(
      "createRedisStores: expected an ioredis client (with call()) or a node-redis client (with sendCommand())",
    );
  });

  it("adds an error listener to a client that has none, so that losing Redis cannot crash the process", () => {
    const bare = Object.assign(new EventEmitter(), { sendCommand: async () => null });
    createRedisStores(bare, { prefix: "x" });
    expect(bare.listenerCount("error")).toBe(1);
    expect(() => bare.emit("error", new Error("connection lost"))).not.toThrow();
    const listened = Object.assign(new EventEmitter(), { sendCommand: async () => null });
    const ownListener = () => undefined;
    listened.on("error", ownListener);
    createRedisStores(listened, { prefix: "x" });
    expect(listened.listeners("error")).toEqual([ownListener]);
  });

  it("names the first bad option", () => {
    const redis = { sendCommand: async () => null };
    expect(() => createRedisStores(redis, { prefix: "" })).toThrow("prefix must be a non-empty string");
    expect(() => createRedisStores(redis, { prefix: "a{b}" })).toThrow("without { or }");
    expect(() => createRedisStores(redis, { prefix: "p", expectedWorkers: 0 })).toThrow(
      "expectedWorkers must be a positive integer, got 0",
    );
    expect(() => createRedisStores(redis, { prefix: "p", onRedisDown: "ignore" as "fail" })).toThrow(
      'onRedisDown must be "local" or "fail"',
    );
  });
});

describe.skipIf(!shared)("the same stores through ioredis and node-redis", () => {
  const clients = {
    ioredis: new Redis(redisUrl, { lazyConnect: true }),
    "node-redis v5": createClient({ url: redisUrl }),
    "node-redis v4": createClientV4({ url: redisUrl }),
  };

  afterAll(async () => {
    if (!shared) return;
    await deleteKeys(shared, prefix);
    shared.disconnect();
    clients.ioredis.disconnect();
    for (const client of [clients["node-redis v5"], clients["node-redis v4"]]) if (client.isOpen) await client.quit();
  });

  for (const [name, client] of Object.entries(clients)) {
    it(`shares a budget, a pause and a token through ${name}`, async () => {
      await client.connect();
      const { tokenStore, rateLimitStore } = createRedisStores(client, {
        prefix: `${prefix}:${name}`,
        logger: {
          warn: (message) => {
            throw new Error(message);
          },
        },
      });
      const first = await rateLimitStore.acquire("origin|client", limit);
      expect(first.granted).toBe(true);
      if (first.granted) await rateLimitStore.release("origin|client", first.slot, limit);
      expect((await rateLimitStore.acquire("origin|client", limit)).granted).toBe(true);
      expect(await rateLimitStore.acquire("origin|client", limit)).toMatchObject({ granted: false });

      await rateLimitStore.pauseUntil("other", Date.now() + 5_000);
      const paused = await rateLimitStore.acquire("other", limit);
      expect(paused.granted === false && paused.retryInMs).toBeGreaterThan(4_000);

      const token = { accessToken: `token via ${name}`, expiresAt: Date.now() + 60_000, scope: undefined };
      await tokenStore.fetchOnce("credentials", async () => token, { minValidityMs: 1_000 });
      expect(await tokenStore.get("credentials")).toEqual(token);
      await tokenStore.invalidate("credentials", token.accessToken);
      expect(await tokenStore.get("credentials")).toBeUndefined();
    });
  }
});
