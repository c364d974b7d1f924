// The published packages as a user gets them: packed tarballs installed with npm into a project outside the
// workspace, compiled with TypeScript under nodenext and bundler resolution, and run against the mock server.
// See ../README.md. Needs the three packages built (turbo's ^build does it) and the npm registry for their
// dependencies (openapi-fetch, Prism…).
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const workspaceRoot = fileURLToPath(new URL("../../..", import.meta.url));
const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
const PUBLISHED = [
  "@engagifii/crm-types",
  "@engagifii/crm-client",
  "@engagifii/crm-mock-server",
  "@engagifii/crm-redis",
];
const isWindows = process.platform === "win32";

let project: string;
const timings: Record<string, number> = {};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command; npm's and pnpm's own npm_config_* settings are not passed on to the child. */
function exec(command: string, args: string[], cwd: string): Promise<Run> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_config_")),
  );
  const child = spawn(command, args, { cwd, env, shell: isWindows });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
}

function expectSuccess(run: Run, what: string): void {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
}

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
  project = await realpath(await mkdtemp(join(tmpdir(), "engagifii-consumer-")));
  const tarballs = join(project, "tarballs");
  await mkdir(tarballs);

  const filters = PUBLISHED.flatMap((name) => ["--filter", name]);
  const pack = await timed("pnpm pack", () =>
    exec("pnpm", ["--recursive", ...filters, "pack", "--pack-destination", tarballs], workspaceRoot),
  );
  expectSuccess(pack, "pnpm pack");
  const files = (await readdir(tarballs)).filter((name) => name.endsWith(".tgz"));
  const tarballOf = (name: string) => {
    const file = files.find((candidate) => candidate.startsWith(`${name.slice(1).replace("/", "-")}-`));
    if (!file) throw new Error(`no tarball for ${name} in ${files.join(", ")}`);
    return `file:./tarballs/${file}`;
  };
  const nodeTypes = JSON.parse(await readFile(require.resolve("@types/node/package.json"), "utf8")).version;
  const dependencies = Object.fromEntries(PUBLISHED.map((name) => [name, tarballOf(name)]));
  await writeFile(
    join(project, "package.json"),
    JSON.stringify(
      {
        name: "engagifii-consumer",
        private: true,
        dependencies,
        devDependencies: { "@types/node": nodeTypes },
        // The client depends on @engagifii/crm-types by version; it must get the tarball, not the registry's copy.
        overrides: { "@engagifii/crm-types": tarballOf("@engagifii/crm-types") },
      },
      null,
      2,
    ),
  );
  for (const file of ["esm.mts", "cjs.cts"]) await cp(join(fixtures, file), join(project, file));
  for (const [name, config] of Object.entries(TSCONFIGS)) {
    await writeFile(join(project, name), JSON.stringify(config, null, 2));
  }

  const npm = isWindows ? "npm.cmd" : "npm";
  const install = await timed("npm install", () =>
    exec(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", "--no-package-lock"], project),
  );
  expectSuccess(install, "npm install");
});

afterAll(async () => {
  console.log(`consumer test timings (ms): ${JSON.stringify(timings)}`);
  if (project) await rm(project, { recursive: true, force: true });
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
    const result = await timed(`tsc ${config}`, () => exec(process.execPath, [tsc, "-p", config], project));
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.code).toBe(0);
  });

  it.for([
    ["ESM", "out/esm.mjs", "esm", /\/dist\/index\.js$/],
    ["CJS", "out/cjs.cjs", "cjs", /\/dist\/index\.cjs$/],
  ] as const)("runs the %s consumer against the mock server", async ([, file, format, entry]) => {
    const result = await timed(`node ${file}`, () => exec(process.execPath, [file], project));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ format, errorClass: "function" });
    expect(output.resolved.client.replaceAll("\\", "/")).toMatch(entry);
    expect(output.resolved.mockServer.replaceAll("\\", "/")).toMatch(entry);
    expect(output.resolved.redis.replaceAll("\\", "/")).toMatch(entry);
    // No Redis there: the requests above ran on @engagifii/crm-redis's local fallback, after one warning.
    expect(output.redisWarnings).toBe(1);
    expect(output.listed.length).toBeGreaterThan(0);
    expect(output.totalCount).toBeGreaterThanOrEqual(output.listed.length);
    expect(output.created).toEqual({ id: expect.any(String), email: expect.stringContaining("@") });
  });
});
