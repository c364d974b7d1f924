import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { PairedRatio } from "./measure.js";
import { caseNames } from "./overhead-cases.js";
import { benchDir } from "./paths.js";
import { type BenchResult, budget, type Metric, metric } from "./result.js";
import { progress } from "./run-as-script.js";
import { spawnServer } from "./spawn-server.js";

const name = "overhead";

// Budgets from issue 7: the crm client (rateLimit: false) against bare openapi-fetch.
const stubBudget = 0.9;
const loopbackBudget = 0.97;

const execFileAsync = promisify(execFile);

interface PairResult extends PairedRatio {
  name: string;
}

/** Runs overhead-pair.ts: case `index` against openapi-fetch (2), in a process of its own. */
async function runPair(index: number, target: string, quartets: number, sliceMs: number): Promise<PairResult> {
  const script = fileURLToPath(new URL("./overhead-pair.ts", import.meta.url));
  const { stdout } = await execFileAsync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", script, String(index), target, String(quartets), String(sliceMs)],
    { cwd: benchDir },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as PairResult;
}

/**
 * One transport: every case against openapi-fetch (2), each pair in A B B A slices in a fresh
 * process. The budgeted pair, (3), gets the most quartets.
 */
export async function measureOverhead(transport: "stub" | "loopback"): Promise<BenchResult> {
  const started = performance.now();
  const metrics: Metric[] = [];
  const server = transport === "loopback" ? await spawnServer({ kind: "people" }) : undefined;
  const sliceMs = server ? 200 : 150;
  const pairs: PairResult[] = [];
  try {
    const target = server?.url ?? "stub";
    progress(name, `${transport}: (3) vs (2) in 14 A B B A quartets × ${sliceMs} ms, then (1), (4), (5) in 6`);
    for (const [index, quartets] of [
      [3, 14],
      [1, 6],
      [4, 6],
      [5, 6],
    ] as const) {
      pairs.push(await runPair(index, target, quartets, sliceMs));
    }
  } finally {
    await server?.close();
  }
  report(transport, pairs, metrics);
  const budgeted = pairs[0] as PairResult;
  const limit = transport === "stub" ? stubBudget : loopbackBudget;
  return {
    bench: `overhead-${transport}`,
    title: `Per-request overhead, ${transport === "stub" ? "stubbed fetch (Response.json on the next tick)" : "loopback node:http server in its own process"}: GET /api/v1/people (10 people), one at a time`,
    durationMs: performance.now() - started,
    metrics,
    budgets: [
      budget(
        `overhead (${transport}): crm rateLimit:false vs openapi-fetch`,
        `≥ ${limit}×`,
        `${budgeted.ratio.toFixed(3)}×`,
        budgeted.ratio >= limit,
      ),
    ],
    notes: [
      "each case runs against (2) in its own process, in A B B A slices; ÷ (2) is the median over quartets of the ops/s ratio",
      "the budget uses the wall-clock ratio; the CPU-time ratio (this process's user+system time) shows whether machine load decided it",
      "ops/s and µs per request are medians of the pair's slices; (2)'s figures come from the (3) pair",
      "added µs per request = 1e6/ops(case) − 1e6/ops(2), within the same pair",
    ],
  };
}

/** One transport's figures: (2) from the budgeted pair, then each case against it. */
function report(transport: string, pairs: PairResult[], metrics: Metric[]): void {
  const budgeted = pairs[0] as PairResult;
  metrics.push(metric(`${transport}: ${caseNames.openapiFetch}`, budgeted.a.opsPerSecond, "ops/s"));
  metrics.push(
    metric(`${transport}: ${caseNames.openapiFetch} CPU per request`, budgeted.a.cpuMicrosecondsPerOp, "µs"),
  );
  for (const pair of pairs) {
    metrics.push(metric(`${transport}: ${pair.name}`, pair.b.opsPerSecond, "ops/s"));
    metrics.push(metric(`${transport}: ${pair.name} ÷ (2)`, pair.ratio, "×"));
    metrics.push(metric(`${transport}: ${pair.name} ÷ (2) by CPU time`, pair.cpuRatio, "×"));
    metrics.push(
      metric(
        `${transport}: ${pair.name} added per request`,
        1e6 / pair.b.opsPerSecond - 1e6 / pair.a.opsPerSecond,
        "µs",
      ),
    );
  }
}
