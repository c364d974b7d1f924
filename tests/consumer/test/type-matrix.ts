// The cells of the consumer type matrix and the tsconfig of each, generated here rather than committed.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * The TypeScript versions checked: the oldest supported (the floor of the packages' `typescript` peer range),
 * one in the middle, the newest 5.x. Installed side by side in this workspace under npm aliases (catalog).
 */
export const typescriptVersions = [
  { name: "5.0", module: require.resolve("typescript-5.0") },
  { name: "5.4", module: require.resolve("typescript-5.4") },
  { name: "5.9", module: require.resolve("typescript") },
] as const;

export type TypeScriptVersion = (typeof typescriptVersions)[number];

const strictness = [
  { label: "strict+exact", options: { strict: true, exactOptionalPropertyTypes: true } },
  { label: "strict", options: { strict: true } },
  { label: "loose", options: { strict: false } },
] as const;

/** How a consumer project resolves and emits modules; `file` is the consumer file's format. */
const moduleSettings = [
  { label: "nodenext-esm", file: "esm", options: { module: "nodenext", moduleResolution: "nodenext" } },
  { label: "nodenext-cjs", file: "cjs", options: { module: "nodenext", moduleResolution: "nodenext" } },
  { label: "bundler-esm", file: "esm", options: { module: "esnext", moduleResolution: "bundler" } },
  // A bundled CommonJS project writes `import x = require()`, which bundler resolution allows from module preserve.
  { label: "bundler-cjs", file: "cjs", options: { module: "preserve", moduleResolution: "bundler" }, since: "5.4" },
  { label: "node10-esm", file: "esm", options: { module: "esnext", moduleResolution: "node10" } },
  { label: "node10-cjs", file: "cjs", options: { module: "commonjs", moduleResolution: "node10" } },
] as const;

export interface Cell {
  name: string;
  typescript: TypeScriptVersion;
  tsconfig: { compilerOptions: Record<string, unknown>; files: string[] };
}

/** The consumer file, ESM; the CJS copy is `consumerFile.cjs`. Both sit in the cells' folder. */
export const consumerFile = { esm: "inferences.mts", cjs: "inferences.cts" } as const;

function atLeast(version: string, floor: string): boolean {
  const [major, minor] = version.split(".").map(Number);
  const [floorMajor, floorMinor] = floor.split(".").map(Number);
  return major! > floorMajor! || (major === floorMajor && minor! >= floorMinor!);
}

export function matrixCells(): Cell[] {
  return typescriptVersions.flatMap((typescript) =>
    strictness.flatMap((strict) =>
      moduleSettings
        .filter((settings) => !("since" in settings) || atLeast(typescript.name, settings.since))
        .map((settings) => ({
          name: `ts${typescript.name} ${settings.label} ${strict.label}`,
          typescript,
          tsconfig: {
            compilerOptions: {
              target: "es2022",
              ...settings.options,
              ...strict.options,
              // Our declarations and our dependencies' are checked; TypeScript's own lib files are not.
              skipLibCheck: false,
              skipDefaultLibCheck: true,
              // As `tsc --init` writes it: no @types packages pulled in by accident (DOM comes with the target).
              types: [],
              noEmit: true,
            },
            files: [consumerFile[settings.file]],
          },
        })),
    ),
  );
}

/** The CJS copy of the consumer file: each `import [type] * as X from "m"` becomes `import [type] X = require("m")`. */
export function toCommonJs(source: string): string {
  const converted = source.replace(/^import (type )?\* as (\w+) from ("[^"]+");$/gm, "import $1$2 = require($3);");
  if (/^import .* from /m.test(converted))
    throw new Error("the consumer file may only import with `import * as X from`");
  return converted;
}
