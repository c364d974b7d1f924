import { limit, pace, theoreticalMinimumMs, total } from "./pacing-scenario.js";
import { type BenchResult, budget, metric } from "./result.js";
import { progress, runAsScript } from "./run-as-script.js";

const name = "limiter-pacing";

export async function run(): Promise<BenchResult> {
  const started = performance.now();
  const minimumMs = theoreticalMinimumMs(total, limit.requests, limit.intervalMs);
  progress(
    name,
    `${total} requests, server enforces ${limit.requests}/${limit.intervalMs} ms; minimum ${(minimumMs / 1000).toFixed(1)} s`,
  );
  const { elapsedMs, failed, serverPauses, limiterWaits, stats } = await pace({ rateLimit: limit });
  const ceiling = minimumMs * 1.05;
  return {
    bench: name,
    title: `Limiter pacing: ${total} requests, server enforcing ${limit.requests} per sliding ${limit.intervalMs} ms, client rateLimit the same`,
    durationMs: performance.now() - started,
    metrics: [
      metric("elapsed", elapsedMs, "ms"),
      metric("theoretical minimum (⌈N/L⌉ − 1) × W", minimumMs, "ms"),
      metric("elapsed ÷ minimum", elapsedMs / minimumMs, "×"),
      metric("429s from the server", stats.tooMany, "responses"),
      metric("requests answered 200", stats.ok, "responses"),
      metric("requests failed after retries", failed, "requests"),
      metric("worst 429: arrived this much before the window allowed", stats.maxEarlyMs, "ms"),
      metric(`first ${limit.requests} requests: first → last arrival at the server`, stats.firstWindowSpreadMs, "ms"),
      metric("busiest window seen by the server (429s included)", stats.maxInWindow, "requests"),
      metric("first → last arrival at the server", stats.lastArrivalMs - stats.firstArrivalMs, "ms"),
      metric("client pauses on a server 429", serverPauses, "pauses"),
      metric("limiter waits (onRateLimit source limiter)", limiterWaits, "waits"),
    ],
    budgets: [
      budget("limiter: 429s from the enforcing server", "0", String(stats.tooMany), stats.tooMany === 0),
      budget(
        "limiter: completion time",
        `≤ ${ceiling.toFixed(0)} ms (1.05 × ${minimumMs})`,
        `${elapsedMs.toFixed(0)} ms`,
        elapsedMs <= ceiling && failed === 0,
      ),
    ],
    notes: [
      "the server counts a request against the window (now − W, now] when it handles it; refused requests use no budget",
      "the client limiter stamps a grant when the request leaves its queue, before fetch; a late arrival (e.g. a new connection) shifts the server's window",
      "src/reference-limiter.ts runs the same scenario with a limiter that counts each request until its response arrives",
    ],
  };
}

runAsScript(import.meta.url, run);
