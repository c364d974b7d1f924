import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cases } from "./cases.js";
import { spliceInto, toMarkdown } from "./markdown.js";
import { benchDir, repoRoot, resultsDir } from "./paths.js";
import { buildReport, printResults, printSummary, writeReport } from "./report.js";
import type { BenchResult } from "./result.js";
import { sourceState } from "./source-state.js";

const usage = `Usage: pnpm bench [-- --only <case>[,<case>…]] [--update-doc]

Runs the cases against the built client (packages/client/dist), each in its own process, prints
their figures with PASS/FAIL per budget, writes bench/results/latest.json and latest.md, and
exits 1 when a budget fails. --update-doc also replaces the generated part of BENCHMARKS.md.
Cases (src/cases.ts): ${cases.join(", ")}.`;

async function runCase(name: string, directory: string): Promise<BenchResult> {
  const out = join(directory, `${name}.json`);
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const code = await new Promise<number | null>((done, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", file, "--out", out], {
      cwd: benchDir,
      stdio: "inherit",
    });
    child.once("error", reject);
    child.once("exit", done);
  });
  if (code !== 0) throw new Error(`${name} exited with code ${code}`);
  return JSON.parse(await readFile(out, "utf8")) as BenchResult;
}

function selectedCases(only: string | undefined): readonly string[] {
  if (only === undefined) return cases;
  const names = only.split(",");
  const unknown = names.filter((name) => !(cases as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown case ${unknown.join(", ")}; see --help`);
  return cases.filter((name) => names.includes(name));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { only: { type: "string" }, "update-doc": { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) return console.log(usage);
  const selected = selectedCases(values.only);
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  const directory = await mkdtemp(join(tmpdir(), "engagifii-bench-"));
  const results: BenchResult[] = [];
  try {
    for (const name of selected) {
      console.log(`▶ ${name}`);
      results.push(await runCase(name, directory));
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  const report = buildReport(results, performance.now() - started, [loadBefore, loadavg()[0] ?? 0], sourceState());
  printResults(results);
  const path = await writeReport(report);
  const markdown = toMarkdown(report);
  await writeFile(resolve(resultsDir, "latest.md"), markdown, "utf8");
  if (values["update-doc"]) await spliceInto(resolve(repoRoot, "BENCHMARKS.md"), markdown);
  printSummary(report);
  console.log(`results: ${path} (and latest.md)${values["update-doc"] ? "; BENCHMARKS.md updated" : ""}`);
  if (!report.passed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
