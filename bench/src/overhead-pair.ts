import { pairedRatio, warmUp } from "./measure.js";
import { caseNames, checkCases, overheadCases, stubFetch } from "./overhead-cases.js";

/**
 * Child-process entry for the overhead benchmark: openapi-fetch (2) against one other case in
 * A B B A slices, alone in a fresh process, so that no third client's calls make the shared code
 * (openapi-fetch, the transport) polymorphic and skew either side.
 * Usage: overhead-pair.ts <case 1 or 3-8> <stub | base URL> <quartets> <slice ms>; prints one JSON line.
 */
const [caseArgument, target, quartets, sliceMs] = process.argv.slice(2);
const cases =
  target === "stub" ? overheadCases(stubFetch, "https://api.bench.local") : overheadCases(fetch, target ?? "");
const baseline = cases.find((item) => item.name === caseNames.openapiFetch);
const selected = cases[Number(caseArgument) - 1];
if (!baseline || !selected || selected === baseline) {
  throw new Error("usage: overhead-pair.ts <case 1 or 3-8> <stub | base URL> <quartets> <slice ms>");
}
await checkCases([baseline, selected]);
await warmUp([baseline, selected], 800);
const result = await pairedRatio(baseline, selected, { quartets: Number(quartets), sliceMs: Number(sliceMs) });
process.stdout.write(`${JSON.stringify({ name: selected.name, ...result })}\n`);
