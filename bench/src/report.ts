import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { resultsDir } from "./paths.js";
import type { BenchResult } from "./result.js";

export interface Report {
  date: string;
  machine: { cpu: string; cores: number; node: string; platform: string; loadAverage: [number, number] };
  source: { commit: string; clientSourceChanged: boolean; benchSourceChanged: boolean; clientDistSha256: string };
  totalMs: number;
  results: BenchResult[];
  passed: boolean;
}

/** `loadAverage` is the 1-minute load before and after the run: other work on the machine skews timings. */
export function buildReport(
  results: BenchResult[],
  totalMs: number,
  loadAverage: [number, number],
  source: Report["source"],
): Report {
  return {
    date: new Date().toISOString(),
    source,
    machine: {
      cpu: cpus()[0]?.model ?? "unknown",
      cores: cpus().length,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadAverage: [Number(loadAverage[0].toFixed(2)), Number(loadAverage[1].toFixed(2))],
    },
    totalMs: Math.round(totalMs),
    results,
    passed: results.every((result) => result.budgets.every((item) => item.pass)),
  };
}

/** Writes results/latest.json through a temporary file, so a killed run never leaves half a file. */
export async function writeReport(report: Report): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const path = resolve(resultsDir, "latest.json");
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(temporary, `${JSON.stringify(report, null, 2)}\n`, "utf8");
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return path;
}

export function printResults(results: readonly BenchResult[]): void {
  for (const result of results) {
    console.log(`\n${result.title} (${(result.durationMs / 1000).toFixed(1)} s)`);
    printTable(
      ["metric", "value", "unit"],
      result.metrics.map((item) => [item.name, formatNumber(item.value), item.unit]),
    );
    if (result.budgets.length > 0) {
      printTable(
        ["budget", "limit", "actual", ""],
        result.budgets.map((item) => [item.name, item.limit, item.actual, item.pass ? "PASS" : "FAIL"]),
      );
    }
    for (const table of result.tables ?? []) {
      console.log(`  ${table.title}`);
      printTable(table.header, table.rows);
    }
    for (const note of result.notes) console.log(`  note: ${note}`);
  }
}

export function printSummary(report: Report): void {
  const budgets = report.results.flatMap((result) => result.budgets);
  const failed = budgets.filter((item) => !item.pass);
  const { commit, clientSourceChanged, benchSourceChanged, clientDistSha256 } = report.source;
  const dirty = [clientSourceChanged && "packages/client/src", benchSourceChanged && "bench/src"].filter(Boolean);
  const changed = dirty.length ? ` with uncommitted changes in ${dirty.join(" and ")}` : "";
  console.log(`\nmeasured ${commit}${changed}; dist/index.js sha256 ${clientDistSha256}`);
  console.log(
    `${budgets.length - failed.length}/${budgets.length} budgets pass in ${(report.totalMs / 1000).toFixed(0)} s on ${report.machine.cpu} (${report.machine.cores} cores), node ${report.machine.node}, load ${report.machine.loadAverage.join(" → ")}`,
  );
  for (const item of failed) console.log(`FAIL ${item.name}: ${item.actual} (limit ${item.limit})`);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, column) => (column === 1 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join("  ")}`.trimEnd();
  console.log(line(header));
  console.log(line(widths.map((width) => "-".repeat(width))));
  for (const row of rows) console.log(line(row));
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toLocaleString("en-US", { maximumFractionDigits: Math.abs(value) < 10 ? 3 : 1 });
}
