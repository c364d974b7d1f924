import type { CheckResult } from "./read-only-checks.js";

/** A plain-text table, one row per difference (or per clean or skipped check), for a terminal or a CI log. */
export function formatReport(results: CheckResult[]): string {
  const rows: string[][] = [["operation", "request", "status", "difference"]];
  for (const result of results) {
    const status = result.status === undefined ? "-" : String(result.status);
    if (result.skipped) rows.push([result.operationId, "-", status, `skipped: ${result.skipped}`]);
    else if (result.differences.length === 0) rows.push([result.operationId, result.request, status, "none"]);
    else
      for (const difference of result.differences) rows.push([result.operationId, result.request, status, difference]);
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  const [header, ...body] = rows;
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [line(header ?? []), rule, ...body.map(line)].join("\n");
}

/** The closing line: how many operations were checked and how many differed. */
export function summarize(results: CheckResult[]): string {
  const checked = results.filter((result) => !result.skipped);
  const differing = checked.filter((result) => result.differences.length > 0);
  const skipped = results.length - checked.length;
  const skippedText = skipped > 0 ? `, ${skipped} skipped` : "";
  return differing.length === 0
    ? `contract:live: ${checked.length} operations match the spec${skippedText}`
    : `contract:live: ${differing.length} of ${checked.length} operations differ from the spec${skippedText}`;
}
