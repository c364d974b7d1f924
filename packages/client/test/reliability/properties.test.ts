/**
 * Property tests (fast-check) of the three pieces whose correctness is a rule over all inputs:
 * the backoff schedule, the paginator under faults and shifting pages, and the rate limiter on a
 * simulated clock. numRuns stay modest so that the file runs in a few seconds.
 *
 * The seed is fixed so that every run checks the same cases; set FC_SEED to explore others
 * (`FC_SEED=$RANDOM pnpm exec vitest run test/reliability/properties.test.ts`), and keep a seed
 * that fails as a regression case.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelay, defaultBackoff } from "../../src/transport/backoff.js";
import type { Clock } from "../../src/transport/clock.js";
import { RateLimiter } from "../../src/transport/rate-limiter.js";
import { person, personId } from "./fault-server.js";
import { inMemoryClient } from "./harness.js";

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_261_128) });

// Properties of the schedule, not its formula: bounds, growth with the retry number, the cap, and
// full jitter (the draw spreads the delay from 0 to the retry's bound).
describe("backoffDelay", () => {
  const retry = fc.integer({ min: 1, max: 60 });
  const draw = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
  const schedule = fc
    .record({ initialDelayMs: fc.integer({ min: 1, max: 60_000 }), maxDelayMs: fc.integer({ min: 1, max: 600_000 }) })
    .filter((options) => options.initialDelayMs <= options.maxDelayMs);
  // A retry number past which every schedule above has reached its cap (2^200 dwarfs any ratio).
  const capped = 200;

  it("is a whole number of ms from 0 to below the cap, and below initialDelayMs on the first retry", () => {
    fc.assert(
      fc.property(retry, schedule, draw, (n, options, random) => {
        const delay = backoffDelay(n, options, () => random);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(options.maxDelayMs);
        expect(backoffDelay(1, options, () => random)).toBeLessThan(options.initialDelayMs);
      }),
      { numRuns: 2_000 },
    );
  });

  it("grows with the retry number for the same draw, at most doubling, and at least doubling until the cap", () => {
    fc.assert(
      fc.property(retry, schedule, draw, (n, options, random) => {
        const delay = backoffDelay(n, options, () => random);
        const next = backoffDelay(n + 1, options, () => random);
        const atCap = backoffDelay(capped, options, () => random);
        expect(next).toBeGreaterThanOrEqual(delay);
        expect(next).toBeLessThanOrEqual(2 * delay + 1);
        expect(next).toBeGreaterThanOrEqual(Math.min(2 * delay, atCap));
      }),
      { numRuns: 2_000 },
    );
  });

  it("spreads the delay over the whole range with the draw (full jitter): 0 at a draw of 0, in step with the draw, up to the cap", () => {
    fc.assert(
      fc.property(retry, schedule, draw, draw, (n, options, first, second) => {
        const [low, high] = first <= second ? [first, second] : [second, first];
        expect(backoffDelay(n, options, () => 0)).toBe(0);
        expect(backoffDelay(n, options, () => low)).toBeLessThanOrEqual(backoffDelay(n, options, () => high));
        // At the cap, the delay is the draw's share of maxDelayMs: not a fraction of the range, nor an offset into it.
        expect(Math.abs(backoffDelay(capped, options, () => high) - high * options.maxDelayMs)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2_000 },
    );
  });

  it("follows the documented default schedule (500 ms doubling to 8 s) when given no options", () => {
    const almostOne = 1 - 2 ** -40;
    const bounds = [1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, undefined, () => almostOne) + 1);
    expect(bounds).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(defaultBackoff).toEqual({ initialDelayMs: 500, maxDelayMs: 8_000 });
  });

  it("draws from Math.random when given no random function", () => {
    const delays = Array.from({ length: 200 }, () => backoffDelay(5));
    expect(delays.every((delay) => delay >= 0 && delay < 8_000)).toBe(true);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });
});

describe("the paginator", () => {
  interface Scenario {
    total: number;
    pageSize: number;
    concurrency: number;
    reportsTotal: boolean;
    /** Transient 503s before each page is served (at most maxRetries, so the client gets through). */
    faults: number[];
    /** New records that arrive at the head of the list after each page is served (sequential paging only). */
    inserts: number[];
  }

  const maxRetries = 2;

  /** An in-memory API over `total` people, with the scenario's faults; returns the ids paged. */
  async function page(scenario: Scenario): Promise<{ ids: string[]; requests: number }> {
    const { total, pageSize, reportsTotal, faults, inserts } = scenario;
    const attemptsByPage = new Map<number, number>();
    let inserted = 0;
    let served = 0;
    let requests = 0;
    const api = async (url: URL): Promise<Response> => {
      requests++;
      const pageIndex = Number(url.searchParams.get("pageIndex"));
      const attempt = (attemptsByPage.get(pageIndex) ?? 0) + 1;
      attemptsByPage.set(pageIndex, attempt);
      if (attempt <= (faults[pageIndex % faults.length] ?? 0))
        return Response.json({ status: 503 }, { status: 503, headers: { "retry-after-ms": "0" } });
      const all = [
        ...Array.from({ length: inserted }, (_, i) => person(1_000_000 + inserted - i)),
        ...Array.from({ length: total }, (_, i) => person(i)),
      ];
      const body: Record<string, unknown> = {
        data: all.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize),
        pageIndex,
        pageSize,
      };
      if (reportsTotal) body.totalCount = all.length;
      inserted += inserts[served++ % inserts.length] ?? 0;
      return Response.json(body);
    };
    const crm = inMemoryClient(api, { maxRetries });
    const ids: string[] = [];
    const pages = crm.people.iterate({ pageSize }, { concurrency: scenario.concurrency });
    for await (const item of pages) ids.push(item.id);
    return { ids, requests };
  }

  const scenario = (options: { shifting: boolean; reportsTotal?: boolean; concurrency?: number }) =>
    fc
      .record({
        total: fc.integer({ min: 0, max: 2_000 }),
        pageSize: fc.integer({ min: 1, max: 200 }),
        concurrency:
          options.concurrency === undefined ? fc.integer({ min: 1, max: 4 }) : fc.constant(options.concurrency),
        reportsTotal: options.reportsTotal === undefined ? fc.boolean() : fc.constant(options.reportsTotal),
        faults: fc.array(fc.integer({ min: 0, max: maxRetries }), { minLength: 1, maxLength: 7 }),
        inserts: fc.array(fc.nat(), { minLength: 1, maxLength: 7 }),
      })
      // At most half a page of new records per page, so that a page always brings new items.
      .map((drawn) => ({
        ...drawn,
        inserts: options.shifting ? drawn.inserts.map((count) => count % Math.ceil(drawn.pageSize / 2)) : [0],
      }))
      // Keep the number of pages (and so the run time) modest.
      .filter((drawn) => drawn.total / drawn.pageSize <= 60);

  const expectEveryItemOnce = (scenarioRun: Scenario, ids: string[]) => {
    const wanted = Array.from({ length: scenarioRun.total }, (_, i) => personId(i));
    expect(ids.filter((id) => !id.startsWith("00000000-0000-4000-8000-000001"))).toEqual(wanted);
    expect(new Set(ids).size).toBe(ids.length);
  };

  it("yields every item exactly once, in order, through transient 503s, at any concurrency", async () => {
    await fc.assert(
      fc.asyncProperty(scenario({ shifting: false }), async (drawn) => {
        const { ids } = await page(drawn);
        expectEveryItemOnce(drawn, ids);
      }),
      { numRuns: 40 },
    );
  });

  it("yields every item exactly once when pages overlap (records arrive at the head while paging), at any concurrency, with or without totalCount", async () => {
    await fc.assert(
      fc.asyncProperty(scenario({ shifting: true }), async (drawn) => {
        const { ids } = await page(drawn);
        expectEveryItemOnce(drawn, ids);
      }),
      { numRuns: 30 },
    );
  });

  it("yields every item exactly once when pages overlap, one page at a time, with or without totalCount", async () => {
    await fc.assert(
      fc.asyncProperty(scenario({ shifting: true, concurrency: 1 }), async (drawn) => {
        const { ids } = await page(drawn);
        expectEveryItemOnce(drawn, ids);
      }),
      { numRuns: 30 },
    );
  });
});

/** A clock whose time moves only when the test runs its timer queue, timers firing in (time, order) order. */
class SimulatedClock implements Clock {
  time = 0;
  #queue: { at: number; order: number; callback: () => void }[] = [];
  #order = 0;

  now = () => this.time;

  setTimeout = (callback: () => void, ms: number): unknown => {
    const timer = { at: this.time + Math.max(0, ms), order: this.#order++, callback };
    this.#queue.push(timer);
    return timer;
  };

  clearTimeout = (handle: unknown): void => {
    this.#queue = this.#queue.filter((timer) => timer !== handle);
  };

  /** Runs every timer, letting every promise callback settle before each one (time moves only then), until none is left. */
  async run(limit = 100_000): Promise<void> {
    for (let fired = 0; fired < limit; fired++) {
      await new Promise((resolve) => setImmediate(resolve));
      this.#queue.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.#queue.shift();
      if (!next) return;
      this.time = Math.max(this.time, next.at);
      next.callback();
    }
    throw new Error("the simulated clock never ran out of timers");
  }
}

describe("the rate limiter (simulated clock)", () => {
  const arrivals = fc.array(
    fc.record({ at: fc.integer({ min: 0, max: 3_000 }), abortAfter: fc.option(fc.integer({ min: 0, max: 2_000 })) }),
    { maxLength: 60 },
  );
  const pauses = fc.array(
    fc.record({ at: fc.integer({ min: 0, max: 3_000 }), ms: fc.integer({ min: 0, max: 2_000 }) }),
    {
      maxLength: 4,
    },
  );

  it("never grants more than N in any window, grants FIFO, holds everything during a pause, and serves everyone as soon as allowed", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 1_000 }),
        arrivals,
        pauses,
        async (requests, intervalMs, drawnArrivals, drawnPauses) => {
          const clock = new SimulatedClock();
          const limiter = new RateLimiter({ requests, intervalMs }, clock);
          // What happened, in the order it happened.
          const log: (
            | { kind: "grant"; id: number; at: number; arrivedAt: number; waitedMs: number }
            | { kind: "pause"; at: number; until: number }
          )[] = [];
          const aborted = new Set<number>();
          const sorted = [...drawnArrivals].sort((a, b) => a.at - b.at);

          sorted.forEach((arrival, id) => {
            clock.setTimeout(() => {
              const controller = new AbortController();
              const arrivedAt = clock.now();
              // Each request is over as soon as it is granted: its place frees intervalMs later.
              const waited = limiter.acquire(controller.signal);
              waited.then(
                (grant) => {
                  grant.release();
                  log.push({ kind: "grant", id, at: clock.now(), arrivedAt, waitedMs: grant.waitedMs });
                },
                () => aborted.add(id),
              );
              if (arrival.abortAfter !== null) clock.setTimeout(() => controller.abort(), arrival.abortAfter);
            }, arrival.at);
          });
          for (const pause of drawnPauses) {
            clock.setTimeout(() => {
              limiter.pause(pause.ms);
              log.push({ kind: "pause", at: clock.now(), until: clock.now() + pause.ms });
            }, pause.at);
          }
          await clock.run();

          const grants = log.filter((entry) => entry.kind === "grant");
          // Everyone not aborted was served, once.
          expect(grants.length + aborted.size).toBe(sorted.length);
          expect(new Set(grants.map((grant) => grant.id)).size).toBe(grants.length);
          // FIFO: grants in arrival order.
          expect(grants.map((grant) => grant.id)).toEqual([...grants.map((grant) => grant.id)].sort((a, b) => a - b));
          // No more than `requests` grants in any window of intervalMs.
          for (let i = 0; i + requests < grants.length; i++) {
            const first = grants[i];
            const later = grants[i + requests];
            if (first && later) expect(later.at - first.at).toBeGreaterThanOrEqual(intervalMs);
          }
          // Nothing is granted during a pause, once the pause has been asked for.
          log.forEach((entry, index) => {
            if (entry.kind !== "pause") return;
            for (const grant of log.slice(index + 1)) {
              if (grant.kind === "grant") expect(grant.at).toBeGreaterThanOrEqual(entry.until);
            }
          });
          // And no later than that: each grant comes as soon as its arrival, the one before it (FIFO),
          // the window and the pauses asked for so far allow.
          grants.forEach((grant, i) => {
            const position = log.indexOf(grant);
            const earlierPauses = log
              .slice(0, position)
              .filter((entry): entry is Extract<typeof entry, { kind: "pause" }> => entry.kind === "pause");
            let earliest = Math.max(
              grant.arrivedAt,
              grants[i - 1]?.at ?? 0,
              i >= requests ? (grants[i - requests]?.at ?? 0) + intervalMs : 0,
            );
            for (let changed = true; changed; ) {
              changed = false;
              for (const pause of earlierPauses) {
                if (pause.at <= earliest && earliest < pause.until) {
                  earliest = pause.until;
                  changed = true;
                }
              }
            }
            expect(grant.at).toBe(earliest);
          });
          // A grant comes at or after its arrival, and the limiter reports the wait it imposed.
          for (const grant of grants) {
            expect(grant.at).toBeGreaterThanOrEqual(grant.arrivedAt);
            expect(grant.waitedMs).toBe(grant.at - grant.arrivedAt);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
