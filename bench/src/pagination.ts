import { type CrmCoreClient, createCrmCoreClient, pageIndexStrategy } from "@engagifii/crm-client";
import type { BenchComponents, BenchPaths } from "./bench-paths.js";
import { type BenchResult, budget, median, metric } from "./result.js";
import { progress, runAsScript } from "./run-as-script.js";
import { spawnServer } from "./spawn-server.js";

const name = "pagination";
const totalItems = 100_000;
const pageSize = 100;
const latencyMs = 2;
const heapBudgetBytes = 20 * 1024 * 1024;
const speedupBudget = 0.35;
const gcEveryPages = 50;
const repeats = 5; // sequential + concurrency 4 runs; the budget is on their median ratio

type CrmClient = CrmCoreClient<BenchPaths>;
type Person = BenchComponents["schemas"]["Person"];

function client(baseUrl: string): CrmClient {
  // The limiter is off: this measures the paginator, and the default 1000/min would pace 1000 pages.
  return createCrmCoreClient<BenchPaths>({
    baseUrl,
    tenantCode: "bench",
    accessToken: "bench-token",
    rateLimit: false,
    env: {},
  });
}

const iterate = (crm: CrmClient, concurrency: number, maxPages?: number) =>
  // The server pages `{ data, totalCount, pageIndex, pageSize }` whatever the document says: the strategy is named here.
  crm.paginateWith(
    pageIndexStrategy<Person>(),
    "/api/v1/people",
    { params: { query: { pageSize } } },
    maxPages ? { concurrency, maxPages } : { concurrency },
  );

async function stream(crm: CrmClient, concurrency: number, maxPages?: number): Promise<number> {
  let count = 0;
  for await (const _person of iterate(crm, concurrency, maxPages)) count++;
  const expected = maxPages ? maxPages * pageSize : totalItems;
  if (count !== expected) throw new Error(`streamed ${count} items, expected ${expected}`);
  return count;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapUsed(): number {
  return process.memoryUsage().heapUsed;
}

/** Streams every item and samples, after a full GC every `gcEveryPages` pages, what the iteration keeps alive. */
async function streamHeap(crm: CrmClient): Promise<number> {
  collectGarbage();
  const baseline = heapUsed();
  // It can be negative: the heap may end up smaller than it started.
  let retained = Number.NEGATIVE_INFINITY;
  let pages = 0;
  for await (const page of iterate(crm, 1).pages()) {
    if (page.length === 0) throw new Error("empty page");
    pages++;
    if (pages % gcEveryPages === 0) {
      collectGarbage();
      retained = Math.max(retained, heapUsed() - baseline);
    }
  }
  return retained;
}

/** For contrast: what holding every item costs (`toArray`). */
async function collectHeap(crm: CrmClient): Promise<number> {
  collectGarbage();
  const baseline = heapUsed();
  const items = await iterate(crm, 1).toArray();
  collectGarbage();
  const retained = heapUsed() - baseline;
  if (items.length !== totalItems) throw new Error(`collected ${items.length} items`);
  return retained;
}

/** Wall time, and this process's CPU time (the server's is in its own process). */
async function timed(operation: () => Promise<unknown>): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await operation();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

export async function run(): Promise<BenchResult> {
  const started = performance.now();
  if (typeof (globalThis as { gc?: unknown }).gc !== "function") {
    throw new Error("run with node --expose-gc (pnpm bench does) to measure the heap");
  }
  const server = await spawnServer({ kind: "paged", total: totalItems, latencyMs });
  const sequential: { wallMs: number; cpuMs: number }[] = [];
  const concurrent: { wallMs: number; cpuMs: number }[] = [];
  let heap: number;
  let collected: number;
  try {
    const crm = client(server.url);
    progress(name, `${totalItems} items in ${totalItems / pageSize} pages, ${latencyMs} ms per page; warm-up`);
    await stream(crm, 1, 100);
    await stream(crm, 4, 100);
    // The heap first, while the process holds nothing but the warm-up's state.
    progress(name, "heap while streaming, then while collecting (toArray)");
    heap = await streamHeap(crm);
    collected = await collectHeap(crm);
    for (let repeat = 0; repeat < repeats; repeat++) {
      progress(name, `sequential and concurrency 4, run ${repeat + 1} of ${repeats}`);
      sequential.push(await timed(() => stream(crm, 1)));
      concurrent.push(await timed(() => stream(crm, 4)));
    }
  } finally {
    await server.close();
  }
  const sequentialMs = median(sequential.map((run) => run.wallMs));
  const concurrentMs = median(concurrent.map((run) => run.wallMs));
  const pages = totalItems / pageSize;
  // Each run's pair gives a ratio, so that a load change between runs lands on both sides.
  const ratios = sequential.map((run, index) => (concurrent[index]?.wallMs ?? Number.NaN) / run.wallMs);
  const ratio = median(ratios);
  const mb = (bytes: number) => bytes / (1024 * 1024);
  return {
    bench: name,
    title: `Pagination: ${totalItems.toLocaleString("en-US")} items over ${totalItems / pageSize} pages of ${pageSize}, ${latencyMs} ms server latency per page`,
    durationMs: performance.now() - started,
    metrics: [
      metric(`sequential (concurrency 1), median of ${repeats}`, sequentialMs, "ms"),
      metric(`concurrency 4, median of ${repeats}`, concurrentMs, "ms"),
      metric(`concurrency 4 ÷ sequential, median of ${repeats} runs`, ratio, "×"),
      metric("sequential: client CPU per page", median(sequential.map((run) => run.cpuMs)) / pages, "ms"),
      metric("concurrency 4: client CPU per page", median(concurrent.map((run) => run.cpuMs)) / pages, "ms"),
      metric(`streaming: heap retained (max after GC, every ${gcEveryPages} pages)`, mb(heap), "MiB"),
      metric("toArray: heap retained by all items (contrast)", mb(collected), "MiB"),
    ],
    budgets: [
      budget(
        "pagination: streaming heap growth",
        `< ${mb(heapBudgetBytes)} MiB`,
        `${mb(heap).toFixed(2)} MiB`,
        heap < heapBudgetBytes,
      ),
      budget(
        "pagination: concurrency 4 vs sequential",
        `≤ ${speedupBudget}×`,
        `${ratio.toFixed(3)}× (runs ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`,
        ratio <= speedupBudget,
      ),
    ],
    notes: [
      "the server runs in its own process, so its page bodies are not in this heap",
      "the paginator remembers every item's id to drop repeats (itemKey); that set is most of what streaming retains",
    ],
  };
}

runAsScript(import.meta.url, run);
