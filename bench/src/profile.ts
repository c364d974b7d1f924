import { mkdir, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { resolve } from "node:path";
import { type Case, collectGarbage } from "./measure.js";
import { checkCases, overheadCases, stubFetch } from "./overhead-cases.js";
import { resultsDir } from "./paths.js";
import { type CpuProfile, printDifference, printSummary, summarize } from "./profile-summary.js";
import { spawnServer } from "./spawn-server.js";

const usage = `Usage: pnpm --filter @engagifii/bench profile [-- --case <n>] [--baseline <n>] [--seconds <s>] [--loopback]

Profiles overhead cases on the stubbed fetch with V8's sampling CPU profiler (the one
node --cpu-prof uses), started after a warm-up so that start-up and tsx are not in it.
Writes results/profiles/case-<n>.cpuprofile (open it in Chrome DevTools) and prints self
time by function and the time under each client frame, in µs per request.
  --case      1 raw fetch, 2 openapi-fetch, 3 crm rateLimit:false (default), 4 limiter, 5 info log,
              6 floor: AbortController, 7 floor: + correlation id, 8 openapi-fetch again (A/A)
  --baseline  also profile this case and print where the two differ, µs per request (e.g. 2 or 7);
              both run in this one process
  --seconds   how long to sample each case (default 6)
  --loopback  against a loopback node:http server in its own process instead of the stubbed fetch`;

function option(name: string, fallback: number | undefined): number | undefined {
  const index = process.argv.indexOf(name);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
}

async function profileCase(selected: Case, seconds: number): Promise<{ profile: CpuProfile; requests: number }> {
  await checkCases([selected]);
  const warmUntil = performance.now() + 1_500;
  while (performance.now() < warmUntil) await selected.run();
  collectGarbage();

  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  let requests = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    await selected.run();
    requests++;
  }
  const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: CpuProfile };
  session.disconnect();
  return { profile, requests };
}

async function main(): Promise<void> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(usage);
    return;
  }
  const seconds = option("--seconds", 6) as number;
  const numbers = [option("--baseline", undefined), option("--case", 3) as number].filter(
    (value): value is number => value !== undefined,
  );
  const server = process.argv.includes("--loopback") ? await spawnServer({ kind: "people" }) : undefined;
  const cases = server ? overheadCases(fetch, server.url) : overheadCases(stubFetch, "https://api.bench.local");
  const directory = resolve(resultsDir, "profiles");
  await mkdir(directory, { recursive: true });

  const summaries = [];
  for (const caseNumber of numbers) {
    const selected = cases[caseNumber - 1];
    if (!selected) throw new Error(`--case and --baseline must be 1 to ${cases.length}`);
    const { profile, requests } = await profileCase(selected, seconds);
    const path = resolve(directory, `case-${caseNumber}${server ? "-loopback" : ""}.cpuprofile`);
    await writeFile(path, JSON.stringify(profile), "utf8");
    console.log(`\n${selected.name}: ${requests} requests in ${seconds} s; profile ${path}`);
    const summary = summarize(profile, requests);
    printSummary(summary);
    summaries.push({ name: selected.name, summary });
  }
  await server?.close();
  const [baseline, target] = summaries;
  if (baseline && target) printDifference(baseline, target);
}

main().catch((error: unknown) => {
  console.error(`profile: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
