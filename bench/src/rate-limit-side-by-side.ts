import { type LimitedRun, runAgainstLimit, theoreticalMinimumMs } from "./limited-run.js";
import { peers } from "./peers/index.js";
import { type BenchResult, metric } from "./result.js";
import { progress, runAsScript } from "./run-as-script.js";

const name = "rate-limit-side-by-side";
const total = 600;
const callers = 16;
/** The API's 1,000 per minute, scaled by 10 to keep each run near 30 s. */
const limit = { requests: 100, intervalMs: 6_000 };
/** After this long a run starts no more requests; the rest count as unsent (a safety net: none needs it today). */
const capMs = 90_000;

export async function run(): Promise<BenchResult> {
  const started = performance.now();
  const minimumMs = theoreticalMinimumMs(total, limit);
  const runs: LimitedRun[] = [];
  for (const peer of peers) {
    progress(name, `${peer.name}: ${total} requests, ${callers} callers, ${limit.requests} per ${limit.intervalMs} ms`);
    runs.push(
      await runAgainstLimit({
        limit,
        total,
        callers,
        capMs,
        sender: (baseUrl) => peer.create({ baseUrl, limit }),
      }),
    );
  }
  const ratio = (result: LimitedRun) => (result.elapsedMs / minimumMs).toFixed(2);
  return {
    bench: name,
    title: `Rate limit, side by side: ${total} GETs from ${callers} callers, a loopback server enforcing ${limit.requests} per sliding ${limit.intervalMs / 1000} s (429 + Retry-After beyond it)`,
    durationMs: performance.now() - started,
    metrics: [
      metric("theoretical minimum (⌈N/L⌉ − 1) × W", minimumMs, "ms"),
      ...peers.flatMap((peer, index) => {
        const result = runs[index] as LimitedRun;
        return [
          metric(`${peer.name}: elapsed`, result.elapsedMs, "ms"),
          metric(`${peer.name}: 429s received`, result.stats.tooMany, "responses"),
          metric(`${peer.name}: failed`, result.failed + result.unsent, "requests"),
        ];
      }),
    ],
    budgets: [],
    notes: [
      "a benchmark figure, not a budget: nothing here passes or fails",
      "a client that gives up finishes early: its time ÷ minimum says nothing about pacing when it has failures",
      `a run starts no request after ${capMs / 1000} s; those count as failed (unsent)`,
    ],
    tables: [
      {
        title: `against the theoretical minimum of ${(minimumMs / 1000).toFixed(0)} s`,
        header: ["client", "configuration", "time ÷ minimum", "429s received", "failed", "of them unsent"],
        rows: peers.map((peer, index) => {
          const result = runs[index] as LimitedRun;
          return [
            peer.name,
            peer.configuration,
            ratio(result),
            String(result.stats.tooMany),
            String(result.failed + result.unsent),
            String(result.unsent),
          ];
        }),
      },
    ],
  };
}

runAsScript(import.meta.url, run);
