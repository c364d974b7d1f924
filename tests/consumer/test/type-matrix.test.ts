// Type-checks fixtures/types/inferences.mts (and its CJS copy) against the installed tarballs in every cell of the
// matrix: TypeScript version × strictness × module resolution and format, with skipLibCheck off. See ../README.md.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, expect, inject, it } from "vitest";
import { exec, mapLimit, type Run } from "./exec.js";
import { type Cell, consumerFile, matrixCells, toCommonJs } from "./type-matrix.js";

const project = inject("consumerProject");
const folder = join(project, "type-matrix");
const cells = matrixCells();
// Two compilers at a time: the matrix shares the machine with the rest of `npm test`.
const concurrency = 2;

let results: Map<string, Run & { ms: number }>;

beforeAll(async () => {
  await mkdir(folder, { recursive: true });
  const source = await readFile(join(project, "types", consumerFile.esm), "utf8");
  await writeFile(join(folder, consumerFile.esm), source);
  await writeFile(join(folder, consumerFile.cjs), toCommonJs(source));
  const started = performance.now();
  const runs = await mapLimit(cells, concurrency, async (cell: Cell) => {
    const config = join(folder, `${cell.name.replaceAll(" ", "_")}.json`);
    await writeFile(config, JSON.stringify(cell.tsconfig, null, 2));
    const cellStarted = performance.now();
    const run = await exec(process.execPath, [cell.typescript.tsc, "-p", config], project);
    return { ...run, ms: Math.round(performance.now() - cellStarted) };
  });
  results = new Map(cells.map((cell, index) => [cell.name, runs[index]!]));
  const total = Math.round((performance.now() - started) / 1000);
  console.log(`type matrix: ${cells.length} cells in ${total} s, ${concurrency} at a time`);
}, 600_000);

it("has a cell for every version, strictness and module setting", () => {
  expect(cells.length).toBe(3 * 3 * 6 - 3); // bundler-cjs needs module preserve (TypeScript 5.4+)
});

it.for(cells.map((cell) => cell.name))("%s", (name) => {
  const run = results.get(name);
  expect(run, name).toBeDefined();
  expect(`${run?.stdout}${run?.stderr}`).toBe("");
  expect(run?.code).toBe(0);
});
