import type { StoredToken, TokenStore } from "@engagifii/crm-client";
import { afterAll, describe, expect, it } from "vitest";
import { tokenKeys } from "../src/keys.js";
import { toRedisClient } from "../src/redis-client.js";
import { createRedisTokenStore } from "../src/redis-token-store.js";
import { connectSharedRedis, deleteKeys, uniquePrefix } from "./shared-redis.js";

const redis = await connectSharedRedis("token-store.test.ts");
const prefix = uniquePrefix("token");
const key = JSON.stringify(["https://crm.example.com/oauth/token", "client-1", "api:read"]);

describe.skipIf(!redis)("the Redis token store", () => {
  afterAll(async () => {
    if (!redis) return;
    await deleteKeys(redis, prefix);
    redis.disconnect();
  });

  // A store per simulated process: they share nothing but Redis.
  const store = (lockMs = 5_000): TokenStore => createRedisTokenStore(toRedisClient(redis!), { prefix, lockMs });
  const token = (accessToken: string, lifetimeMs = 60_000): StoredToken => ({
    accessToken,
    expiresAt: Date.now() + lifetimeMs,
    scope: "api:read",
  });
  const fetchOptions = { minValidityMs: 1_000 };

  it("keeps the token as JSON under a SHA-256 of the key, expiring with the token", async () => {
    const testKey = `${key}:stored`;
    await store().fetchOnce(testKey, async () => token("secret-token", 30_000), fetchOptions);
    const names = await redis!.keys(`${prefix}:*`);
    expect(names.join()).not.toContain("client-1");
    expect(names).toContain(tokenKeys(prefix, testKey).token);
    expect(tokenKeys(prefix, testKey).token).toMatch(/:token:\{[0-9a-f]{64}\}$/);
    const ttl = await redis!.pttl(tokenKeys(prefix, testKey).token);
    expect(ttl).toBeGreaterThan(29_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    expect(await store().get(testKey)).toMatchObject({ accessToken: "secret-token", scope: "api:read" });
  });

  it("fetches once for many callers in many processes; the others get that token", async () => {
    const testKey = `${key}:once`;
    let fetches = 0;
    const fetchToken = async () => {
      fetches++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return token(`token-${fetches}`);
    };
    const processes = [store(), store(), store(), store()];
    const results = await Promise.all(
      processes.flatMap((process) => [1, 2, 3].map(() => process.fetchOnce(testKey, fetchToken, fetchOptions))),
    );
    expect(fetches).toBe(1);
    expect(new Set(results.map((result) => result.accessToken))).toEqual(new Set(["token-1"]));
  });

  it("returns a stored token that is valid long enough, and fetches instead of one that is unusable or expiring", async () => {
    const testKey = `${key}:usable`;
    const tokens = store();
    await tokens.fetchOnce(testKey, async () => token("first", 10_000), fetchOptions);
    const never = async (): Promise<StoredToken> => {
      throw new Error("must not fetch");
    };
    expect((await store().fetchOnce(testKey, never, fetchOptions)).accessToken).toBe("first");
    const unusable = { ...fetchOptions, unusable: "first" };
    expect((await store().fetchOnce(testKey, async () => token("second"), unusable)).accessToken).toBe("second");
    const longer = { minValidityMs: 120_000 };
    expect((await store().fetchOnce(testKey, async () => token("third"), longer)).accessToken).toBe("third");
  });

  it("forgets a rejected token only if it is still the stored one", async () => {
    const testKey = `${key}:invalidate`;
    await store().fetchOnce(testKey, async () => token("fresh"), fetchOptions);
    await store().invalidate(testKey, "old");
    expect((await store().get(testKey))?.accessToken).toBe("fresh");
    await store().invalidate(testKey, "fresh");
    expect(await store().get(testKey)).toBeUndefined();
  });

  it("waits for a lock holder, and fetches itself once a crashed holder's lock expires", async () => {
    const testKey = `${key}:crashed`;
    await redis!.set(tokenKeys(prefix, testKey).lock, "a process that died", "PX", 300);
    let fetches = 0;
    const fetched = await store().fetchOnce(
      testKey,
      async () => {
        fetches++;
        return token("after-the-crash");
      },
      fetchOptions,
    );
    expect(fetched.accessToken).toBe("after-the-crash");
    expect(fetches).toBe(1);
    expect(await redis!.exists(tokenKeys(prefix, testKey).lock)).toBe(0);
  });

  it("passes a failed fetch to its caller and frees the lock at once", async () => {
    const testKey = `${key}:failed`;
    const failing = async (): Promise<StoredToken> => {
      throw new Error("token endpoint down");
    };
    await expect(store().fetchOnce(testKey, failing, fetchOptions)).rejects.toThrow("token endpoint down");
    expect(await redis!.exists(tokenKeys(prefix, testKey).lock)).toBe(0);
  });

  it("stops waiting when the caller's signal aborts, while the fetch goes on for the others", async () => {
    const testKey = `${key}:abort`;
    await redis!.set(tokenKeys(prefix, testKey).lock, "another process", "PX", 400);
    const controller = new AbortController();
    const waiting = store().fetchOnce(testKey, async () => token("late"), {
      ...fetchOptions,
      signal: controller.signal,
    });
    controller.abort(new Error("caller gave up"));
    await expect(waiting).rejects.toThrow("caller gave up");
  });
});
