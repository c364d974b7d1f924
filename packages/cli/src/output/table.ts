/** Plain aligned columns, like `gh` and `kubectl`: a header row, then one row per record. */
export function formatTable(records: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const rows = records.map((record) => columns.map((column) => cellText(record[column])));
  const widths = columns.map((column, index) => Math.max(column.length, ...rows.map((row) => row[index]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(columns.map((column) => column.toUpperCase())), ...rows.map(line)].join("\n");
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  // Control characters from the API must not move the terminal's cursor.
  return text.replace(/\p{Cc}/gu, " ");
}
