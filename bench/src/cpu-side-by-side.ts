import { smallPage } from "./fixtures.js";
import { bareOpenapiFetch, peers } from "./peers/index.js";
import type { AnyFetch, SendOne } from "./peers/peer.js";
import { type BenchResult, median, medianAndRange, metric } from "./result.js";
import { progress, runAsScript } from "./run-as-script.js";

const name = "cpu-side-by-side";
const rounds = 15;
const sliceMs = 150;
const minimumPerSlice = 20;
/** A limit no run here can reach, so that our limiter is on but never waits. */
const hugeLimit = { requests: 1_000_000_000, intervalMs: 1_000 };

const bodyText = JSON.stringify(smallPage);
/** A fetch without I/O: a new Response around the same canned JSON, for every peer alike. */
const stubFetch: AnyFetch = async () =>
  new Response(bodyText, { status: 200, headers: { "content-type": "application/json" } });

interface Slice {
  wallMicros: number;
  cpuMicros: number;
}

/** Sends one request at a time for `sliceMs` (and at least `minimumPerSlice` requests). */
async function slice(send: SendOne, durationMs = sliceMs): Promise<Slice> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let count = 0;
  let now = started;
  do {
    await send();
    count++;
    now = performance.now();
  } while (now - started < durationMs || count < minimumPerSlice);
  const used = process.cpuUsage(cpu);
  return { wallMicros: ((now - started) * 1000) / count, cpuMicros: (used.user + used.system) / count };
}

export async function run(): Promise<BenchResult> {
  const started = performance.now();
  const senders = peers.map((peer) =>
    peer.create({ baseUrl: "https://api.bench.local", fetch: stubFetch, limit: hugeLimit }),
  );
  progress(name, `warm-up, then ${rounds} rounds of ${sliceMs} ms per client, the order rotated each round`);
  for (const send of senders) await slice(send);
  const wall: number[][] = peers.map(() => []);
  const cpu: number[][] = peers.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let step = 0; step < peers.length; step++) {
      const index = (step + round) % peers.length;
      const result = await slice(senders[index] as SendOne);
      wall[index]?.push(result.wallMicros);
      cpu[index]?.push(result.cpuMicros);
    }
  }
  const base = peers.indexOf(bareOpenapiFetch);
  // Added µs per round against the baseline's slice in the same round: load changes land on both.
  const addedOver = (series: number[][]) =>
    series.map((values) => values.map((value, round) => value - (series[base]?.[round] ?? Number.NaN)));
  const addedWall = addedOver(wall);
  const addedCpu = addedOver(cpu);
  const cell = (series: number[][], index: number) => medianAndRange(series[index] ?? []);
  return {
    bench: name,
    title: "CPU per request, side by side: one process, a stubbed fetch (canned JSON, no I/O), one request at a time",
    durationMs: performance.now() - started,
    metrics: peers.flatMap((peer, index) => [
      metric(`${peer.name}: µs per request (median)`, median(wall[index] ?? []), "µs"),
      metric(`${peer.name}: µs added over bare openapi-fetch (median)`, median(addedWall[index] ?? []), "µs"),
      metric(`${peer.name}: CPU µs added over bare openapi-fetch (median)`, median(addedCpu[index] ?? []), "µs"),
    ]),
    budgets: [],
    notes: [
      "a benchmark figure, not a budget: nothing here passes or fails",
      `median of ${rounds} rounds (lowest–highest); 'added' is each round's figure minus bare openapi-fetch's in that round`,
      "wall µs include the timers a client waits on; CPU µs are this process's CPU time, steadier on a loaded machine",
      "our client runs with its limiter on at a limit it never reaches, and with it off",
    ],
    tables: [
      {
        title: `µs per request, median of ${rounds} rounds (range)`,
        header: ["client", "wall µs", "wall µs added", "CPU µs", "CPU µs added"],
        rows: peers.map((peer, index) => [
          peer.name,
          cell(wall, index),
          index === base ? "(baseline)" : cell(addedWall, index),
          cell(cpu, index),
          index === base ? "(baseline)" : cell(addedCpu, index),
        ]),
      },
    ],
  };
}

runAsScript(import.meta.url, run);
