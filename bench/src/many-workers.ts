// The multi-process proof of @engagifii/crm-redis (issue #13): 8 worker processes × 16 concurrent
// callers share one token and one rate limit through Redis, against a loopback server that
// enforces the limit (429 beyond it) and counts token requests. The harness lives with the package
// it proves (packages/redis/test/multi-process), which also runs a shorter version as a test.

import { availableParallelism, loadavg } from "node:os";
import { type ManyWorkersFigures, runManyWorkers } from "../../packages/redis/test/multi-process/run-workers.js";
import { findRedisServer, PrivateRedis } from "../../packages/redis/test/private-redis.js";
import { connectSharedRedis, deleteKeys, redisUrl, uniquePrefix } from "../../packages/redis/test/shared-redis.js";
import { type BenchResult, type Budget, budget, type Metric, metric } from "./result.js";
import { progress, runAsScript } from "./run-as-script.js";

const name = "many-workers";
const shape = { workers: 8, callers: 16, requestsPerCaller: 3, limit: { requests: 100, intervalMs: 6_000 } };
const common = { ...shape, expectedWorkers: 8, deadlineMs: 120_000 };

function figuresOf(label: string, figures: ManyWorkersFigures): Metric[] {
  return [
    metric(`${label}: total time`, figures.totalMs, "ms"),
    metric(`${label}: theoretical minimum`, figures.theoreticalMinimumMs, "ms"),
    metric(`${label}: total / minimum`, figures.totalMs / figures.theoreticalMinimumMs, "×"),
    metric(`${label}: 429 answers`, figures.tooMany, "responses"),
    metric(`${label}: token requests`, figures.tokenRequests, "requests"),
    metric(`${label}: requests answered`, figures.ok, `of ${figures.requests}`),
    metric(`${label}: finish spread between workers`, figures.finishSpread * 100, "% of total"),
  ];
}

function sharedBudgets(label: string, figures: ManyWorkersFigures, tokens: number): Budget[] {
  const ratio = figures.totalMs / figures.theoreticalMinimumMs;
  return [
    budget(`${label}: 429 answers`, "0", String(figures.tooMany), figures.tooMany === 0),
    budget(`${label}: total / theoretical minimum`, "≤ 1.05", ratio.toFixed(3), ratio <= 1.05),
    budget(
      `${label}: token requests`,
      `exactly ${tokens}`,
      String(figures.tokenRequests),
      figures.tokenRequests === tokens,
    ),
    budget(`${label}: requests lost`, "0", String(figures.requests - figures.ok), figures.ok === figures.requests),
  ];
}

export async function run(): Promise<BenchResult> {
  const started = performance.now();
  const result: BenchResult = {
    bench: name,
    title: `Many workers: ${shape.workers} processes × ${shape.callers} callers, ${shape.limit.requests} requests per ${shape.limit.intervalMs / 1000} s shared through Redis`,
    durationMs: 0,
    metrics: [],
    budgets: [],
    notes: [],
  };
  const load = () => (loadavg()[0] ?? 0).toFixed(1);
  const loadAtStart = load();
  const redis = await connectSharedRedis("bench many-workers");
  if (!redis) result.notes.push(`skipped the shared runs: no Redis at ${redisUrl}`);
  else {
    for (const [label, lifetime, tokens] of [
      ["shared", 3_600, 1],
      ["shared, token expires mid-run", 12, 2],
    ] as const) {
      progress(name, `${label}: ${shape.workers * shape.callers * shape.requestsPerCaller} requests`);
      const prefix = uniquePrefix("bench-many-workers");
      const figures = await runManyWorkers({ ...common, tokenLifetimeSeconds: lifetime, redisUrl, prefix });
      await deleteKeys(redis, prefix);
      result.metrics.push(...figuresOf(label, figures));
      result.budgets.push(...sharedBudgets(label, figures, tokens));
    }
    redis.disconnect();
  }

  const binary = findRedisServer();
  if (!binary) result.notes.push("skipped the fault run: no redis-server binary to kill mid-run");
  else {
    progress(name, "Redis killed 7 s into the run");
    const server = await PrivateRedis.start(binary);
    const midRun = { afterMs: 7_000, action: () => server.stop() };
    const figures = await runManyWorkers({
      ...common,
      tokenLifetimeSeconds: 3_600,
      redisUrl: server.url,
      prefix: "bench",
      midRun,
    });
    await server.stop();
    result.metrics.push(...figuresOf("Redis killed mid-run", figures));
    const lost = figures.requests - figures.ok;
    result.budgets.push(budget("Redis killed mid-run: requests lost", "0", String(lost), lost === 0));
    result.notes.push("after Redis dies each worker falls back to requests / expectedWorkers (8) of its own");
  }
  // 8 workers need CPU to keep pace: on a busy machine the total time says more about the load than the limiter.
  result.notes.push(
    `1-minute load average ${loadAtStart} at the start, ${load()} at the end, on ${availableParallelism()} cores`,
  );
  result.durationMs = performance.now() - started;
  return result;
}

runAsScript(import.meta.url, run);
