import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { PairedRatio } from "./measure.js";
import { caseNames } from "./overhead-cases.js";
import { benchDir } from "./paths.js";
import { type BenchResult, budget, type Metric, median, metric } from "./result.js";
import { progress } from "./run-as-script.js";
import { spawnServer } from "./spawn-server.js";

const name = "overhead";

// Budgets from issue 7: the crm client (rateLimit: false) against bare openapi-fetch.
const stubBudget = 0.9;
const loopbackBudget = 0.97;

/**
 * Which case runs against which baseline (2 unless said), in how many fresh processes. One
 * process's ratio moves by several percent from one process to the next (the A/A control, the
 * same code twice, shows by how much), so the budgeted case and the control are each run in
 * several, and the median counts. (3) is also measured against the floor (7) in the same process.
 */
const plan: readonly { index: number; baseline?: number; processes: number }[] = [
  { index: 3, processes: 7 }, // the budget
  { index: 8, processes: 5 }, // A/A control: (2) against itself
  { index: 6, processes: 3 }, // floor: an AbortController per request
  { index: 7, processes: 3 }, // floor: that plus a correlation id
  { index: 3, baseline: 7, processes: 5 }, // what the client adds over the floor
  { index: 1, processes: 1 },
  { index: 4, processes: 1 },
  { index: 5, processes: 1 },
];
const quartets = 6;

const execFileAsync = promisify(execFile);

interface PairResult extends PairedRatio {
  name: string;
  baseline: string;
}

/** One case's pairs, one per process. */
interface CaseResult {
  name: string;
  baseline: number;
  pairs: PairResult[];
}

/** Runs overhead-pair.ts: case `index` against `baseline`, in a process of its own. */
async function runPair(index: number, baseline: number, target: string, sliceMs: number): Promise<PairResult> {
  const script = fileURLToPath(new URL("./overhead-pair.ts", import.meta.url));
  const args = [String(index), target, String(quartets), String(sliceMs), String(baseline)];
  const { stdout } = await execFileAsync(process.execPath, ["--expose-gc", "--import", "tsx", script, ...args], {
    cwd: benchDir,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as PairResult;
}

/** One transport: every case against openapi-fetch (2), each pair in A B B A slices in a fresh process. */
export async function measureOverhead(transport: "stub" | "loopback"): Promise<BenchResult> {
  const started = performance.now();
  const metrics: Metric[] = [];
  const server = transport === "loopback" ? await spawnServer({ kind: "people" }) : undefined;
  const sliceMs = server ? 200 : 150;
  const results: CaseResult[] = [];
  try {
    const target = server?.url ?? "stub";
    for (const { index, baseline = 2, processes } of plan) {
      progress(
        name,
        `${transport}: case ${index} vs case ${baseline}, ${processes} process(es) × ${quartets} A B B A quartets`,
      );
      const pairs: PairResult[] = [];
      for (let run = 0; run < processes; run++) pairs.push(await runPair(index, baseline, target, sliceMs));
      const label = baseline === 2 ? (pairs[0]?.name ?? String(index)) : `${pairs[0]?.name} vs ${pairs[0]?.baseline}`;
      results.push({ name: label, baseline, pairs });
    }
  } finally {
    await server?.close();
  }
  report(transport, results, metrics);
  const budgeted = summarise(results[0] as CaseResult);
  const control = summarise(results[1] as CaseResult);
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
        `${budgeted.ratio.toFixed(3)}× (processes ${budgeted.range})`,
        budgeted.ratio >= limit,
      ),
    ],
    notes: [
      "each case runs against (2) in fresh processes, in A B B A slices; a process's ratio is the median over its quartets of the ops/s ratio, and a case's is the median over its processes",
      `the A/A control (2′) runs the same code as (2): its spread, ${control.range}, is what one process can resolve`,
      "(6) and (7) are floors: openapi-fetch plus only what per-attempt timeouts and a correlation id cost, with nothing else of the client; '(3) vs (7)' runs (3) against the floor (7) in the same processes",
      "(2) is loaded as a module instance of its own, so that the other client's calls into openapi-fetch do not change the feedback V8 gathers for (2)",
      "added µs per request = (1 / ratio − 1) × the baseline's µs per request, so that it agrees with the ratio",
    ],
  };
}

function summarise(result: CaseResult) {
  const ratios = result.pairs.map((pair) => pair.ratio);
  const low = Math.min(...ratios).toFixed(3);
  const high = Math.max(...ratios).toFixed(3);
  return {
    ratio: median(ratios),
    cpuRatio: median(result.pairs.map((pair) => pair.cpuRatio)),
    range: ratios.length > 1 ? `${low}–${high}` : low,
    baselineOps: median(result.pairs.map((pair) => pair.a.opsPerSecond)),
    baselineCpu: median(result.pairs.map((pair) => pair.a.cpuMicrosecondsPerOp)),
    ops: median(result.pairs.map((pair) => pair.b.opsPerSecond)),
    // From the ratio, so that the two always agree (medians of each side's slices need not).
    addedMicroseconds: (1 / median(ratios) - 1) * (1e6 / median(result.pairs.map((pair) => pair.a.opsPerSecond))),
  };
}

/** One transport's figures: (2) from the budgeted case's processes, then each case against it. */
function report(transport: string, results: CaseResult[], metrics: Metric[]): void {
  const budgeted = summarise(results[0] as CaseResult);
  metrics.push(metric(`${transport}: ${caseNames.openapiFetch}`, budgeted.baselineOps, "ops/s"));
  metrics.push(metric(`${transport}: ${caseNames.openapiFetch} CPU per request`, budgeted.baselineCpu, "µs"));
  for (const result of results) {
    const summary = summarise(result);
    const over = result.baseline === 2 ? "(2)" : `(${result.baseline})`;
    metrics.push(metric(`${transport}: ${result.name}`, summary.ops, "ops/s"));
    metrics.push(metric(`${transport}: ${result.name} ÷ ${over}`, summary.ratio, "×"));
    if (result.pairs.length > 1) {
      const ratios = result.pairs.map((pair) => pair.ratio);
      metrics.push(metric(`${transport}: ${result.name} ÷ ${over}, lowest process`, Math.min(...ratios), "×"));
      metrics.push(metric(`${transport}: ${result.name} ÷ ${over}, highest process`, Math.max(...ratios), "×"));
    }
    metrics.push(metric(`${transport}: ${result.name} ÷ ${over} by CPU time`, summary.cpuRatio, "×"));
    metrics.push(metric(`${transport}: ${result.name} added per request`, summary.addedMicroseconds, "µs"));
  }
}
