// The published packages as a user gets them (packed tarballs installed with npm into a project outside the
// workspace, by global-setup.ts), compiled with TypeScript under nodenext and bundler resolution, and run against the
// mock server. See ../README.md.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { PUBLISHED } from "./consumer-project.js";
import { exec } from "./exec.js";

const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
const project = inject("consumerProject");

/** Strict settings a careful consumer might use, in a Node project without the DOM library. */
const STRICT = {
  target: "es2022",
  lib: ["es2022"],
  types: ["node"],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
};

const TSCONFIGS: Record<string, { compilerOptions: Record<string, unknown>; files: string[] }> = {
  // Compiled and run: esm.mts → out/esm.mjs, cjs.cts → out/cjs.cjs. skipLibCheck off, so the published .d.ts and
  // .d.cts files themselves are checked too (the bundler runs resolve the same two files; checking all of
  // @types/node again there would double the test's time for nothing).
  "tsconfig.nodenext.json": {
    compilerOptions: {
      ...STRICT,
      skipLibCheck: false,
      module: "nodenext",
      moduleResolution: "nodenext",
      outDir: "out",
    },
    files: ["esm.mts", "cjs.cts"],
  },
  "tsconfig.bundler-esnext.json": {
    compilerOptions: { ...STRICT, skipLibCheck: true, module: "esnext", moduleResolution: "bundler", noEmit: true },
    files: ["esm.mts"],
  },
  // `import x = require()` needs module preserve under bundler resolution; it resolves the "require" condition.
  "tsconfig.bundler-preserve.json": {
    compilerOptions: { ...STRICT, skipLibCheck: true, module: "preserve", moduleResolution: "bundler", noEmit: true },
    files: ["esm.mts", "cjs.cts"],
  },
};

beforeAll(async () => {
  for (const [name, config] of Object.entries(TSCONFIGS)) {
    await writeFile(join(project, name), JSON.stringify(config, null, 2));
  }
});

describe("the packed packages in a fresh npm project", () => {
  it("carry real versions instead of workspace: and catalog: ranges", async () => {
    for (const name of PUBLISHED) {
      const manifest = await readFile(join(project, "node_modules", name, "package.json"), "utf8");
      expect(manifest, name).not.toMatch(/"(workspace|catalog):/);
    }
    const client = JSON.parse(await readFile(join(project, "node_modules/@engagifii/crm-client/package.json"), "utf8"));
    const types = JSON.parse(await readFile(join(project, "node_modules/@engagifii/crm-types/package.json"), "utf8"));
    expect(client.dependencies["@engagifii/crm-types"]).toBe(types.version);
  });

  it.for(Object.keys(TSCONFIGS))("type-check with %s", async (config) => {
    const result = await exec(process.execPath, [tsc, "-p", config], project);
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.code).toBe(0);
  });

  it.for([
    ["ESM", "out/esm.mjs", "esm", /\/dist\/index\.js$/],
    ["CJS", "out/cjs.cjs", "cjs", /\/dist\/index\.cjs$/],
  ] as const)("runs the %s consumer against the mock server", async ([, file, format, entry]) => {
    const result = await exec(process.execPath, [file], project);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ format, errorClass: "function" });
    expect(output.resolved.client.replaceAll("\\", "/")).toMatch(entry);
    expect(output.resolved.mockServer.replaceAll("\\", "/")).toMatch(entry);
    expect(output.resolved.redis.replaceAll("\\", "/")).toMatch(entry);
    // No Redis there: the requests above ran on @engagifii/crm-redis's local fallback, after one warning.
    expect(output.redisWarnings).toBe(1);
    // The sandbox's seed, whatever the document: a first page of at most ten, then the created person kept.
    expect(output.totalCount).toBeGreaterThan(0);
    expect(output.listed).toHaveLength(Math.min(10, output.totalCount));
    expect(output.created).toEqual({ id: expect.any(String), email: "ada@example.com" });
    expect(output.totalAfterCreate).toBe(output.totalCount + 1);
  });
});
