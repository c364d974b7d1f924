/** One measured figure. */
export interface Metric {
  name: string;
  value: number;
  unit: string;
}

/** One budget: what it allows, what was measured, and whether that passes. */
export interface Budget {
  name: string;
  limit: string;
  actual: string;
  pass: boolean;
}

/** What each benchmark writes; run-all collects them into results/latest.json. */
export interface BenchResult {
  bench: string;
  title: string;
  durationMs: number;
  metrics: Metric[];
  budgets: Budget[];
  notes: string[];
  /** Side-by-side figures, one row per client. */
  tables?: Table[];
}

export interface Table {
  title: string;
  header: string[];
  rows: string[][];
}

export function metric(name: string, value: number, unit: string): Metric {
  return { name, value: round(value), unit };
}

export function budget(name: string, limit: string, actual: string, pass: boolean): Budget {
  return { name, limit, actual, pass };
}

/** Three significant decimals is more than any of these measurements can resolve. */
export function round(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toFixed(3));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** "median (lowest–highest)", for figures measured over several rounds. */
export function medianAndRange(values: readonly number[], digits = 1): string {
  const fixed = (value: number) => value.toFixed(digits);
  return `${fixed(median(values))} (${fixed(Math.min(...values))}–${fixed(Math.max(...values))})`;
}
