import { createCrmCoreClient } from "@engagifii/crm-client";
import type { BenchPaths } from "./bench-paths.js";
import { runAgainstLimit, theoreticalMinimumMs } from "./limited-run.js";
import { expectPage, tenantCode, token } from "./peers/peer.js";
import { type BenchResult, budget, metric } from "./result.js";
import { progress, runAsScript } from "./run-as-script.js";

const name = "limiter-pacing";
const total = 3_000;
const limit = { requests: 100, intervalMs: 600 };

/** Every request at once, the client's limiter set to the limit the server enforces. */
function sender(baseUrl: string) {
  const crm = createCrmCoreClient<BenchPaths>({ baseUrl, tenantCode, accessToken: token, rateLimit: limit, env: {} });
  return async () => {
    const { data, response } = await crm.GET("/api/v1/people", { params: { query: { pageSize: 1 } } });
    expectPage(response.status, data);
  };
}

export async function run(): Promise<BenchResult> {
  const started = performance.now();
  const minimumMs = theoreticalMinimumMs(total, limit);
  progress(name, `${total} requests at once, server enforces ${limit.requests}/${limit.intervalMs} ms`);
  const { elapsedMs, failed, stats } = await runAgainstLimit({ limit, total, callers: total, sender, capMs: 60_000 });
  const ceiling = minimumMs * 1.05;
  return {
    bench: name,
    title: `Limiter pacing: ${total} requests at once, server enforcing ${limit.requests} per sliding ${limit.intervalMs} ms`,
    durationMs: performance.now() - started,
    metrics: [
      metric("elapsed", elapsedMs, "ms"),
      metric("elapsed ÷ minimum", elapsedMs / minimumMs, "×"),
      metric("429s from the server", stats.tooMany, "responses"),
      metric("busiest window the server saw (429s included)", stats.maxInWindow, "requests"),
    ],
    budgets: [
      budget("limiter: 429s from the enforcing server", "0", String(stats.tooMany), stats.tooMany === 0),
      budget(
        "limiter: completion time, no failure",
        `≤ ${ceiling.toFixed(0)} ms (1.05 × ${minimumMs})`,
        `${elapsedMs.toFixed(0)} ms, ${failed} failed`,
        elapsedMs <= ceiling && failed === 0,
      ),
    ],
    notes: ["the server counts a request when it handles it; refused requests use no budget"],
  };
}

runAsScript(import.meta.url, run);
