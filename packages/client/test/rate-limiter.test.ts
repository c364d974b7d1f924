import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RateLimitEvent } from "../src/index.js";
import { RateLimiter, type WaitPastDeadline } from "../src/transport/rate-limiter.js";
import { fakeApi, options, page } from "./fake-api.js";
import { createTransportClient } from "./fixtures/transport-client.js";
import { SimulatedClock, settle } from "./simulated-clock.js";

/** Acquires and ends the request at once, as a request with no latency would; returns the wait. */
async function instant(limiter: RateLimiter, signal?: AbortSignal): Promise<number> {
  const grant = await limiter.acquire(signal);
  grant.release();
  return grant.waitedMs;
}

describe("rate limiter", () => {
  it("grants at once while the window has room, then waits for the oldest request to leave it", async () => {
    const clock = new SimulatedClock();
    const limiter = new RateLimiter({ requests: 3, intervalMs: 1000 }, clock);
    expect(await Promise.all([instant(limiter), instant(limiter), instant(limiter)])).toEqual([0, 0, 0]);
    const granted: number[] = [];
    instant(limiter).then(() => granted.push(clock.now()));
    await clock.advance(999);
    expect(granted).toEqual([]);
    await clock.advance(1);
    expect(granted).toEqual([1000]);
  });

  it("counts a request until intervalMs after its response, not after it was sent", async () => {
    const clock = new SimulatedClock();
    const limiter = new RateLimiter({ requests: 1, intervalMs: 1000 }, clock);
    const slow = await limiter.acquire();
    expect(slow.waitedMs).toBe(0);
    const granted: number[] = [];
    instant(limiter).then(() => granted.push(clock.now()));
    await clock.advance(5000); // the first response is still on its way: nothing more may go
    expect(granted).toEqual([]);
    slow.release();
    await clock.advance(999);
    expect(granted).toEqual([]);
    await clock.advance(1);
    expect(granted).toEqual([6000]);
  });

  it("keeps an exact window past 3000 requests", async () => {
    const clock = new SimulatedClock();
    const limiter = new RateLimiter({ requests: 3000, intervalMs: 10_000 }, clock);
    for (let i = 0; i < 3000; i++) {
      expect(await instant(limiter)).toBe(0);
      await clock.advance(1);
    }
    const granted: number[] = [];
    instant(limiter).then(() => granted.push(clock.now()));
    await clock.advance(10_000 - 3000 - 1);
    expect(granted).toEqual([]);
    await clock.advance(1);
    expect(granted).toEqual([10_000]);
  });

  it("turns a waiter away at once when no place can be free before its deadline; the others wait", async () => {
    const clock = new SimulatedClock();
    const limiter = new RateLimiter({ requests: 1, intervalMs: 1000 }, clock);
    await instant(limiter); // the window is full until 1000
    const outcome = (deadline: number) =>
      limiter.acquire(undefined, deadline).then(
        (grant) => `granted at ${clock.now()}, waited ${grant.waitedMs}`,
        (error: unknown) => `${(error as WaitPastDeadline).name} ${(error as WaitPastDeadline).waitMs}`,
      );
    const outcomes = Promise.all([outcome(500), outcome(1000), outcome(1001)]);
    await settle();
    await clock.advance(1000);
    expect(await outcomes).toEqual(["WaitPastDeadline 1000", "WaitPastDeadline 1000", "granted at 1000, waited 1000"]);
  });

  it("pause() holds every grant until the server's Retry-After has passed", async () => {
    const clock = new SimulatedClock();
    const limiter = new RateLimiter({ requests: Number.POSITIVE_INFINITY, intervalMs: 0 }, clock);
    limiter.pause(5000);
    let granted = false;
    instant(limiter).then(() => (granted = true));
    await clock.advance(4999);
    expect(granted).toBe(false);
    await clock.advance(1);
    expect(granted).toBe(true);
  });

  it("rejects a waiting acquire when its signal aborts, and keeps serving the others", async () => {
    const clock = new SimulatedClock();
    const limiter = new RateLimiter({ requests: 1, intervalMs: 1000 }, clock);
    await instant(limiter);
    const controller = new AbortController();
    const aborted = instant(limiter, controller.signal);
    const next = instant(limiter);
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    await clock.advance(1000);
    await expect(next).resolves.toBe(1000);
  });

  it("never grants more than N in any sliding window, in FIFO order (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 10, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 60, maxLength: 60 }),
        async (requests, intervalMs, gaps, latencies) => {
          const clock = new SimulatedClock();
          const limiter = new RateLimiter({ requests, intervalMs }, clock);
          const grants: { order: number; at: number }[] = [];
          const pending: Promise<unknown>[] = [];
          const respond = (order: number) => (grant: { release(): void }) => {
            grants.push({ order, at: clock.now() });
            clock.setTimeout(() => grant.release(), latencies[order] ?? 0);
          };
          for (const [order, gap] of gaps.entries()) {
            await clock.advance(gap);
            pending.push(limiter.acquire().then(respond(order)));
          }
          await clock.advance((intervalMs + 200) * (gaps.length + 1));
          await Promise.all(pending);
          expect(grants.map((grant) => grant.order)).toEqual(gaps.map((_, order) => order));
          const times = grants.map((grant) => grant.at);
          for (let i = requests; i < times.length; i++)
            expect(times[i]! - times[i - requests]!).toBeGreaterThanOrEqual(intervalMs);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("rate limiting in the client", () => {
  it("a 429 pauses the whole client, withTenant clients included, for the Retry-After period", async () => {
    const events: RateLimitEvent[] = [];
    const api = fakeApi((_request, attempt) =>
      attempt === 1 ? new Response("", { status: 429, headers: { "retry-after-ms": "300" } }) : page([], 0, 0, 50),
    );
    const clock = new SimulatedClock();
    const crm = createTransportClient({
      ...options(api.fetch),
      clock,
      rateLimit: { requests: 1000 },
      hooks: { onRateLimit: (event) => events.push(event) },
    });
    const first = crm.GET("/api/v1/people");
    await settle(); // the 429 is in: the client is paused for 300 ms
    await clock.advance(50);
    const other = crm.withTenant("acme-east").GET("/api/v1/people");
    await clock.advance(249);
    expect(api.apiRequests()).toHaveLength(1); // nothing is sent during the pause, by either tenant
    await clock.advance(1);
    await Promise.all([first, other]);
    expect(api.apiRequests()).toHaveLength(3);
    const tenants = api.apiRequests().map((request) => request.headers.get("tenant-code"));
    expect(tenants.sort()).toEqual(["acme", "acme", "acme-east"]);
    expect(events[0]).toEqual({ source: "server", waitMs: 300 });
  });

  it("shares one limiter per (baseUrl, clientId) and reports waits", async () => {
    const events: RateLimitEvent[] = [];
    const api = fakeApi(() => page([], 0, 0, 50));
    const clientId = `shared-${Math.random()}`;
    const clock = new SimulatedClock();
    const settings = {
      ...options(api.fetch),
      clientId,
      clock,
      rateLimit: { requests: 2, intervalMs: 200 },
      hooks: { onRateLimit: (event: RateLimitEvent) => events.push(event) },
    };
    const one = createTransportClient(settings);
    const two = createTransportClient(settings).withTenant("other");
    const calls = Promise.all([one.GET("/api/v1/people"), two.GET("/api/v1/people"), one.GET("/api/v1/people")]);
    await clock.advance(199);
    expect(api.apiRequests()).toHaveLength(2); // two clients, one budget of 2 per 200 ms
    await clock.advance(1);
    await calls;
    expect(api.apiRequests()).toHaveLength(3);
    expect(events).toEqual([{ source: "limiter", waitMs: 200 }]);
  });

  it("can be disabled: `rateLimit: false` sends what a limit would hold back", async () => {
    const clock = new SimulatedClock();
    const limited = fakeApi(() => page([], 0, 0, 50));
    const unlimited = fakeApi(() => page([], 0, 0, 50));
    const tight = createTransportClient({
      ...options(limited.fetch),
      clock,
      rateLimit: { requests: 1, intervalMs: 60_000 },
    });
    const disabled = createTransportClient({ ...options(unlimited.fetch), clock, rateLimit: false });
    const held = Promise.all(Array.from({ length: 5 }, () => tight.GET("/api/v1/people")));
    await Promise.all(Array.from({ length: 50 }, () => disabled.GET("/api/v1/people")));
    await settle();
    expect(limited.apiRequests()).toHaveLength(1);
    expect(unlimited.apiRequests()).toHaveLength(50);
    for (let minute = 1; minute <= 4; minute++) {
      await clock.advance(60_000);
      await settle();
      expect(limited.apiRequests()).toHaveLength(1 + minute);
    }
    await held;
    expect(limited.apiRequests()).toHaveLength(5);
  });
});
