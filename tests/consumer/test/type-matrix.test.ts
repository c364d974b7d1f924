// Type-checks fixtures/types/inferences.mts (and its CJS copy) against the installed tarballs in every cell of the
// matrix: TypeScript version × strictness × module resolution and format, with skipLibCheck off. See ../README.md.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, inject, it } from "vitest";
import type { CellResult } from "./check-cells.js";
import { exec, expectSuccess, mapLimit } from "./exec.js";
import { specNamesFile, specNamesModule } from "./spec-names.js";
import { consumerFile, matrixCells, toCommonJs, typescriptVersions } from "./type-matrix.js";

const project = inject("consumerProject");
const folder = join(project, "type-matrix");
const cells = matrixCells();
const checkCells = fileURLToPath(new URL("check-cells.ts", import.meta.url));
const tsx = createRequire(import.meta.url).resolve("tsx");
// One process per TypeScript version, two at a time: the matrix shares the machine with the rest of `npm test`.
const concurrency = 2;

const results = new Map<string, CellResult>();

beforeAll(async () => {
  await mkdir(folder, { recursive: true });
  const source = await readFile(join(project, "types", consumerFile.esm), "utf8");
  await writeFile(join(folder, consumerFile.esm), source);
  await writeFile(join(folder, consumerFile.cjs), toCommonJs(source));
  await writeFile(join(folder, specNamesFile), await specNamesModule());
  const configOf = new Map<string, string>();
  for (const cell of cells) {
    const config = join(folder, `${cell.name.replaceAll(" ", "_")}.json`);
    await writeFile(config, JSON.stringify(cell.tsconfig, null, 2));
    configOf.set(config, cell.name);
  }
  const started = performance.now();
  await mapLimit(typescriptVersions, concurrency, async (typescript) => {
    const configs = [...configOf].filter(([, name]) => name.startsWith(`ts${typescript.name} `)).map(([c]) => c);
    const run = await exec(process.execPath, ["--import", tsx, checkCells, typescript.module, ...configs], project);
    expectSuccess(run, `check-cells with TypeScript ${typescript.name}`);
    for (const result of JSON.parse(run.stdout) as CellResult[]) results.set(configOf.get(result.config)!, result);
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `type matrix: ${cells.length} cells in ${seconds} s (${typescriptVersions.length} processes, 2 at a time)`,
  );
}, 600_000);

it("has a cell for every version, strictness and module setting", () => {
  expect(cells.length).toBe(3 * 3 * 6 - 3); // bundler-cjs needs module preserve (TypeScript 5.4+)
});

it.for(cells.map((cell) => cell.name))("%s", (name) => {
  const result = results.get(name);
  expect(result, name).toBeDefined();
  expect(result?.diagnostics).toBe("");
});
