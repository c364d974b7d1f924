import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "./paths.js";

/**
 * Times `generateTypes()` from packages/types/scripts/generate.ts, in a fresh process as
 * `pnpm generate` runs it, without writing anything: the committed output is only read, to compare.
 */
const script = resolve(repoRoot, "packages/types/scripts/generate.ts");
const output = resolve(repoRoot, "packages/types/src/generated/openapi.ts");

const importStarted = performance.now();
const { generateTypes } = (await import(pathToFileURL(script).href)) as { generateTypes: () => Promise<string> };
const importMs = performance.now() - importStarted;

const coldStarted = performance.now();
const source = await generateTypes();
const coldMs = performance.now() - coldStarted;

const warmStarted = performance.now();
await generateTypes();
const warmMs = performance.now() - warmStarted;

const committed = await readFile(output, "utf8");
process.stdout.write(
  `${JSON.stringify({ importMs, coldMs, warmMs, lines: source.split("\n").length - 1, matchesCommitted: source === committed })}\n`,
);
