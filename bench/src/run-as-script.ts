import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { printResults } from "./report.js";
import type { BenchResult } from "./result.js";

/**
 * Runs a benchmark module when node starts it directly (run-all does, one process each):
 * writes the result to `--out <file>` when given, and prints its table.
 */
export function runAsScript(moduleUrl: string, run: () => Promise<BenchResult>): void {
  const entry = process.argv[1];
  if (entry === undefined || resolve(entry) !== fileURLToPath(moduleUrl)) return;
  const outIndex = process.argv.indexOf("--out");
  const out = outIndex === -1 ? undefined : process.argv[outIndex + 1];
  run()
    .then(async (result) => {
      if (out) await writeFile(out, JSON.stringify(result), "utf8");
      else printResults([result]);
    })
    .catch((error: unknown) => {
      console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    });
}

/** A label for progress lines, so a 3-minute run does not look hung. */
export function progress(bench: string, message: string): void {
  console.log(`  [${bench}] ${message}`);
}
