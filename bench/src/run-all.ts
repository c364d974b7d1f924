import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sourceState, waitForClientBuild } from "./client-build.js";
import { benchDir } from "./paths.js";
import { buildReport, printResults, printSummary, writeReport } from "./report.js";
import type { BenchResult } from "./result.js";

/** Each benchmark runs in its own node process, so that one's heap and JIT state do not colour the next. */
const benchmarks = [
  "bundle-size",
  "codegen",
  "token-single-flight",
  "overhead-stub",
  "overhead-loopback",
  "pagination",
  "limiter-pacing",
  "many-workers",
] as const;

const usage = `Usage: pnpm bench [-- --only <name>[,<name>…]]

Runs the benchmarks against the built client (packages/client/dist), prints a table per
benchmark with PASS/FAIL per budget, writes bench/results/latest.json, and exits 1 when a
budget fails. Benchmarks: ${benchmarks.join(", ")}.`;

async function runBenchmark(name: string, directory: string): Promise<BenchResult> {
  const out = join(directory, `${name}.json`);
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", file, "--out", out], {
      cwd: benchDir,
      stdio: "inherit",
    });
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`${name} exited with code ${code}`);
  return JSON.parse(await readFile(out, "utf8")) as BenchResult;
}

async function main(): Promise<void> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(usage);
    return;
  }
  const onlyIndex = process.argv.indexOf("--only");
  const only = onlyIndex === -1 ? undefined : (process.argv[onlyIndex + 1] ?? "").split(",");
  const unknown = only?.filter((name) => !(benchmarks as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(", ")}; see --help`);
  const selected = benchmarks.filter((name) => only === undefined || only.includes(name));

  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  const directory = await mkdtemp(join(tmpdir(), "engagifii-bench-"));
  const results: BenchResult[] = [];
  try {
    for (const name of selected) {
      await waitForClientBuild();
      console.log(`▶ ${name}`);
      results.push(await runBenchmark(name, directory));
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  const report = buildReport(results, performance.now() - started, [loadBefore, loadavg()[0] ?? 0], sourceState());
  printResults(results);
  const path = await writeReport(report);
  printSummary(report);
  console.log(`results: ${path}`);
  if (!report.passed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
