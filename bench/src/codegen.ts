import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { benchDir } from "./paths.js";
import { type BenchResult, median, metric } from "./result.js";
import { progress, runAsScript } from "./run-as-script.js";
import { consumer, type TscTiming, timeTypecheck } from "./typecheck-timing.js";

const name = "codegen";
const execFileAsync = promisify(execFile);
const repeats = 2;

interface GenerateTiming {
  importMs: number;
  coldMs: number;
  warmMs: number;
  lines: number;
  matchesCommitted: boolean;
}

/** One `generateTypes()` in a fresh node + tsx process, as `pnpm generate` runs. */
async function timeGenerate(): Promise<GenerateTiming & { processMs: number }> {
  const started = performance.now();
  const { stdout } = await execFileAsync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./codegen-child.ts", import.meta.url))],
    { cwd: benchDir },
  );
  const processMs = performance.now() - started;
  return { ...(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as GenerateTiming), processMs };
}

export async function run(): Promise<BenchResult> {
  const started = performance.now();
  progress(name, `generateTypes() in a fresh process, ${repeats} times`);
  const generations: Awaited<ReturnType<typeof timeGenerate>>[] = [];
  for (let i = 0; i < repeats; i++) generations.push(await timeGenerate());

  progress(name, `tsc --noEmit on an empty file once, then on a consumer file ${repeats} times`);
  const consumers: TscTiming[] = [];
  const empties: TscTiming[] = [];
  // The empty file is the baseline: tsc's own start-up and the DOM/ES2022 libs, the same every time.
  empties.push(await timeTypecheck("export {};\n", "empty"));
  for (let i = 0; i < repeats; i++) consumers.push(await timeTypecheck(consumer, "consumer"));
  const of = <T>(items: T[], pick: (item: T) => number) => median(items.map(pick));
  const first = generations[0] as GenerateTiming;
  const consumerCheck = of(consumers, (item) => item.checkMs);
  return {
    bench: name,
    title: `Codegen and type-checking (medians of ${repeats})`,
    durationMs: performance.now() - started,
    metrics: [
      metric(
        "pnpm generate: whole process (node + tsx + generate)",
        of(generations, (item) => item.processMs),
        "ms",
      ),
      metric(
        "pnpm generate: import openapi-typescript + script",
        of(generations, (item) => item.importMs),
        "ms",
      ),
      metric(
        "pnpm generate: generateTypes(), first call",
        of(generations, (item) => item.coldMs),
        "ms",
      ),
      metric(
        "pnpm generate: generateTypes(), second call",
        of(generations, (item) => item.warmMs),
        "ms",
      ),
      metric("generated lines", first.lines, "lines"),
      metric(
        "tsc consumer: wall time",
        of(consumers, (item) => item.wallMs),
        "ms",
      ),
      metric("tsc consumer: check time", consumerCheck, "ms"),
      metric(
        "tsc consumer: types",
        of(consumers, (item) => item.types),
        "types",
      ),
      metric(
        "tsc consumer: instantiations",
        of(consumers, (item) => item.instantiations),
        "instantiations",
      ),
      metric(
        "tsc empty file: wall time",
        of(empties, (item) => item.wallMs),
        "ms",
      ),
      metric(
        "tsc empty file: check time",
        of(empties, (item) => item.checkMs),
        "ms",
      ),
      metric("check time our types add", consumerCheck - of(empties, (item) => item.checkMs), "ms"),
    ],
    budgets: [],
    notes: [
      generations.every((item) => item.matchesCommitted)
        ? "the generated output matches the committed packages/types/src/generated/openapi.ts"
        : "WARNING: the generated output differs from the committed file (codegen drift); nothing was written",
      "no budget for codegen; the figures are for tracking",
    ],
  };
}

runAsScript(import.meta.url, run);
