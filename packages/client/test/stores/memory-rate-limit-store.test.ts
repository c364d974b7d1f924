import { describe, expect, it } from "vitest";
import { createMemoryRateLimitStore } from "../../src/index.js";
import { SimulatedClock } from "../simulated-clock.js";

const limit = { requests: 2, intervalMs: 1000 };

describe("the in-memory rate-limit store", () => {
  it("grants up to `requests` slots, then says how long until the oldest released one leaves the window", async () => {
    const clock = new SimulatedClock();
    const store = createMemoryRateLimitStore({ clock });
    const first = await store.acquire("k", limit);
    const second = await store.acquire("k", limit);
    expect(first.granted && second.granted).toBe(true);
    // Both in flight: none can free sooner than intervalMs after its release.
    expect(await store.acquire("k", limit)).toEqual({ granted: false, retryInMs: 1000 });
    await clock.advance(300);
    if (first.granted) await store.release("k", first.slot, limit);
    await clock.advance(200);
    expect(await store.acquire("k", limit)).toEqual({ granted: false, retryInMs: 800 });
    await clock.advance(800);
    expect((await store.acquire("k", limit)).granted).toBe(true);
  });

  it("keeps keys apart, and a pause holds every acquire on its key until the given time", async () => {
    const clock = new SimulatedClock();
    const store = createMemoryRateLimitStore({ clock });
    await store.pauseUntil("a", 5000);
    await store.pauseUntil("a", 2000); // never shortens a pause
    expect(await store.acquire("a", limit)).toEqual({ granted: false, retryInMs: 5000 });
    expect((await store.acquire("b", limit)).granted).toBe(true);
    await clock.advance(5000);
    expect((await store.acquire("a", limit)).granted).toBe(true);
  });

  it("releasing an unknown or already released slot changes nothing", async () => {
    const clock = new SimulatedClock();
    const store = createMemoryRateLimitStore({ clock });
    const one = { requests: 1, intervalMs: 1000 };
    const decision = await store.acquire("k", one);
    if (!decision.granted) throw new Error("expected a slot");
    await store.release("k", decision.slot, one);
    await store.release("k", decision.slot, one);
    await store.release("k", "no-such-slot", one);
    await clock.advance(1000);
    expect((await store.acquire("k", one)).granted).toBe(true);
  });

  it("holds memory for the window, not for every request ever made", async () => {
    const clock = new SimulatedClock();
    const store = createMemoryRateLimitStore({ clock });
    const wide = { requests: 1_000_000, intervalMs: 10 };
    for (let i = 0; i < 100_000; i++) {
      const decision = await store.acquire("k", wide);
      if (decision.granted) await store.release("k", decision.slot, wide);
      if (i % 100 === 99) await clock.advance(10); // 100 requests per window
    }
    // A log of every request would hold 100,000 entries; the window holds ~100, plus slack before compaction.
    expect(store.entriesHeld("k")).toBeLessThanOrEqual(300);
  });

  it("is a RateLimitStore and nothing more (entriesHeld aside): the limiter has no fast path beside the interface", () => {
    const store = createMemoryRateLimitStore({ clock: new SimulatedClock() });
    expect(Object.keys(store).sort()).toEqual(["acquire", "entriesHeld", "pauseUntil", "release"]);
  });
});
