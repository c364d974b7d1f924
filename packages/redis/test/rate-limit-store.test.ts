import type { RateLimitStore } from "@engagifii/crm-client";
import { afterAll, describe, expect, it } from "vitest";
import { rateLimitKeys } from "../src/keys.js";
import { toRedisClient } from "../src/redis-client.js";
import { createRedisRateLimitStore } from "../src/redis-rate-limit-store.js";
import { connectSharedRedis, deleteKeys, uniquePrefix } from "./shared-redis.js";

const redis = await connectSharedRedis("rate-limit-store.test.ts");
const prefix = uniquePrefix("rate-limit");
const limit = { requests: 3, intervalMs: 1_000 };

describe.skipIf(!redis)("the Redis rate-limit store", () => {
  afterAll(async () => {
    if (!redis) return;
    await deleteKeys(redis, prefix);
    redis.disconnect();
  });

  // Each test has its own key; the scripts run on a simulated clock that the test moves.
  let time = 1_000_000;
  const store = (): RateLimitStore =>
    createRedisRateLimitStore(toRedisClient(redis!), { prefix, inFlightMs: 5_000, pollMs: 10, now: () => time });
  const granted = async (pending: ReturnType<RateLimitStore["acquire"]>) => {
    const decision = await pending;
    if (!decision.granted) throw new Error(`expected a slot, got a wait of ${decision.retryInMs} ms`);
    return decision.slot;
  };

  it("grants `requests` slots, then the wait until the first released slot has counted for an interval", async () => {
    const limiter = store();
    const slots = [await granted(limiter.acquire("a", limit)), await granted(limiter.acquire("a", limit))];
    time += 100;
    await limiter.release("a", slots[0]!, limit);
    await granted(limiter.acquire("a", limit));
    expect(await limiter.acquire("a", limit)).toEqual({ granted: false, retryInMs: 1_000 });
    time += 400;
    expect(await limiter.acquire("a", limit)).toEqual({ granted: false, retryInMs: 600 });
    time += 600;
    await granted(limiter.acquire("a", limit));
  });

  it("counts a slot in flight until an interval after its release, however long the request takes", async () => {
    const limiter = store();
    const slots = [];
    for (let i = 0; i < 3; i++) slots.push(await granted(limiter.acquire("b", limit)));
    time += 3_000;
    expect(await limiter.acquire("b", limit)).toEqual({ granted: false, retryInMs: 1_000 });
    await limiter.release("b", slots[1]!, limit);
    time += 990;
    expect(await limiter.acquire("b", limit)).toEqual({ granted: false, retryInMs: 10 });
    time += 10;
    await granted(limiter.acquire("b", limit));
  });

  it("frees a slot never released (its process died) after in-flight time plus interval, and keeps no more keys than the window", async () => {
    const limiter = store();
    for (let i = 0; i < 3; i++) await granted(limiter.acquire("c", limit));
    const keys = rateLimitKeys(prefix, "c");
    expect(await redis!.pttl(keys.slots)).toBeLessThanOrEqual(6_000);
    time += 6_000;
    await granted(limiter.acquire("c", limit));
    expect(await redis!.zcard(keys.slots)).toBe(1);
  });

  it("holds everyone sharing the store during a pause, and never shortens a longer one", async () => {
    const [first, second] = [store(), store()];
    await first.pauseUntil("d", time + 2_000);
    await first.pauseUntil("d", time + 500);
    expect(await second.acquire("d", limit)).toEqual({ granted: false, retryInMs: 2_000 });
    time += 2_000;
    await granted(second.acquire("d", limit));
  });

  it("applies only the pause when there is no limit", async () => {
    const limiter = store();
    const unlimited = { requests: Number.POSITIVE_INFINITY, intervalMs: 1_000 };
    for (let i = 0; i < 10; i++) await limiter.release("e", await granted(limiter.acquire("e", unlimited)), unlimited);
    await limiter.pauseUntil("e", time + 300);
    expect(await limiter.acquire("e", unlimited)).toEqual({ granted: false, retryInMs: 300 });
  });

  it("serves waiting processes first come, first served: a newcomer does not take the slot that frees", async () => {
    const [busy, waiting, newcomer] = [store(), store(), store()];
    for (let i = 0; i < 3; i++) await busy.release("f", await granted(busy.acquire("f", limit)), limit);
    expect(await waiting.acquire("f", limit)).toEqual({ granted: false, retryInMs: 1_000 });
    time += 1_000;
    // All three slots are free again; `waiting` asked first, so one of them is kept for it.
    await granted(newcomer.acquire("f", limit));
    await granted(busy.acquire("f", limit));
    expect(await newcomer.acquire("f", limit)).toMatchObject({ granted: false });
    await granted(waiting.acquire("f", limit));
  });

  it("forgets a waiter that stops asking, so that it blocks nobody", async () => {
    const [busy, gone, other] = [store(), store(), store()];
    for (let i = 0; i < 3; i++) await busy.release("g", await granted(busy.acquire("g", limit)), limit);
    expect(await gone.acquire("g", limit)).toMatchObject({ granted: false });
    expect(await other.acquire("g", limit)).toMatchObject({ granted: false });
    time += 1_000 + 10_000;
    await granted(other.acquire("g", limit));
  });

  it("runs on the Redis server's clock when no time is given", async () => {
    const limiter = createRedisRateLimitStore(toRedisClient(redis!), { prefix, inFlightMs: 5_000, pollMs: 10 });
    for (let i = 0; i < 3; i++) await granted(limiter.acquire("h", limit));
    const decision = await limiter.acquire("h", limit);
    expect(decision.granted).toBe(false);
    expect(decision.granted === false && decision.retryInMs).toBeLessThanOrEqual(1_000);
  });
});
