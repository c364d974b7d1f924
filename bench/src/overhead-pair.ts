import { pairedRatio, warmUp } from "./measure.js";
import { checkCases, overheadCases, stubFetch } from "./overhead-cases.js";

/**
 * Child-process entry for the overhead benchmark: one case against a baseline case (default 2,
 * openapi-fetch) in A B B A slices, alone in a fresh process, so that no third client's calls
 * make the shared code (openapi-fetch, the transport) polymorphic and skew either side.
 * Usage: overhead-pair.ts <case 1-8> <stub | base URL> <quartets> <slice ms> [baseline case, default 2];
 * prints one JSON line.
 */
const usage = "usage: overhead-pair.ts <case 1-8> <stub | base URL> <quartets> <slice ms> [baseline case 1-8]";
const [caseArgument, target, quartets, sliceMs, baselineArgument = "2"] = process.argv.slice(2);
const cases =
  target === "stub" ? overheadCases(stubFetch, "https://api.bench.local") : overheadCases(fetch, target ?? "");
const baseline = cases[Number(baselineArgument) - 1];
const selected = cases[Number(caseArgument) - 1];
if (!baseline || !selected || selected === baseline) throw new Error(usage);
await checkCases([baseline, selected]);
await warmUp([baseline, selected], 800);
const result = await pairedRatio(baseline, selected, { quartets: Number(quartets), sliceMs: Number(sliceMs) });
process.stdout.write(`${JSON.stringify({ name: selected.name, baseline: baseline.name, ...result })}\n`);
