import { median } from "./result.js";

export interface Case {
  name: string;
  /** One operation; awaited back to back, so it measures per-request latency at concurrency 1. */
  run: () => Promise<unknown>;
}

const batch = 16; // operations between clock reads

/** Runs each case for `durationMs`, so that every path is optimised before it is measured. */
export async function warmUp(cases: readonly Case[], durationMs: number): Promise<void> {
  for (const item of cases) await slice(item, durationMs);
}

export interface SliceResult {
  opsPerSecond: number;
  cpuMicrosecondsPerOp: number;
}

/** Runs one case back to back for `durationMs`; ops/s by the wall clock and CPU µs per op. */
export async function slice(item: Case, durationMs: number): Promise<SliceResult> {
  let operations = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const end = started + durationMs;
  let now = started;
  while (now < end) {
    for (let i = 0; i < batch; i++) await item.run();
    operations += batch;
    now = performance.now();
  }
  const used = process.cpuUsage(cpu);
  return {
    opsPerSecond: (operations * 1000) / (now - started),
    cpuMicrosecondsPerOp: (used.user + used.system) / operations,
  };
}

/** A full collection between slices, when node runs with --expose-gc, so one case's garbage is not the next one's pause. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export interface PairedRatio {
  /** Median over quartets of ops/s(b) ÷ ops/s(a). */
  ratio: number;
  /** The same by CPU time: CPU µs per op of a ÷ of b. */
  cpuRatio: number;
  /** Medians over all of each side's slices. */
  a: SliceResult;
  b: SliceResult;
}

/**
 * A/B comparison for a budget: slices in A B B A order, each quartet giving one ratio, so that
 * a load change on a shared machine (which drifts over seconds) lands on both sides equally.
 */
export async function pairedRatio(
  a: Case,
  b: Case,
  options: { quartets: number; sliceMs: number },
): Promise<PairedRatio> {
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const slices: { a: SliceResult[]; b: SliceResult[] } = { a: [], b: [] };
  for (let quartet = 0; quartet < options.quartets; quartet++) {
    const results = [];
    // No forced GC between slices: a full collection shrinks the young generation, and the
    // next slice then pays for many more scavenges than a long-running process ever would.
    for (const item of [a, b, b, a]) results.push(await slice(item, options.sliceMs));
    const [a1, b1, b2, a2] = results as [SliceResult, SliceResult, SliceResult, SliceResult];
    slices.a.push(a1, a2);
    slices.b.push(b1, b2);
    ratios.push((b1.opsPerSecond + b2.opsPerSecond) / (a1.opsPerSecond + a2.opsPerSecond));
    cpuRatios.push(
      (a1.cpuMicrosecondsPerOp + a2.cpuMicrosecondsPerOp) / (b1.cpuMicrosecondsPerOp + b2.cpuMicrosecondsPerOp),
    );
  }
  const medians = (side: SliceResult[]): SliceResult => ({
    opsPerSecond: median(side.map((item) => item.opsPerSecond)),
    cpuMicrosecondsPerOp: median(side.map((item) => item.cpuMicrosecondsPerOp)),
  });
  return { ratio: median(ratios), cpuRatio: median(cpuRatios), a: medians(slices.a), b: medians(slices.b) };
}
