// Packs the published library packages and installs the tarballs with npm into one project in the system's temporary
// folder, outside the workspace, as a user gets them. test/global-setup.ts does it once for every test file.
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { exec, expectSuccess, isWindows } from "./exec.js";

export const PUBLISHED = [
  "@engagifii/crm-types",
  "@engagifii/crm-client",
  "@engagifii/crm-mock-server",
  "@engagifii/crm-redis",
];
const workspaceRoot = fileURLToPath(new URL("../../..", import.meta.url));
const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
const require = createRequire(import.meta.url);

/** The version this workspace installed of a package, so the consumer project gets the same one. */
async function installedVersion(name: string): Promise<string> {
  return JSON.parse(await readFile(require.resolve(`${name}/package.json`), "utf8")).version;
}

/** Creates the project and returns its folder and how long packing and installing took. */
export async function createConsumerProject(): Promise<{ project: string; timings: Record<string, number> }> {
  const timings: Record<string, number> = {};
  const project = await realpath(await mkdtemp(join(tmpdir(), "engagifii-consumer-")));
  const tarballs = join(project, "tarballs");
  await mkdir(tarballs);

  let started = performance.now();
  const filters = PUBLISHED.flatMap((name) => ["--filter", name]);
  const pack = await exec("pnpm", ["--recursive", ...filters, "pack", "--pack-destination", tarballs], workspaceRoot);
  expectSuccess(pack, "pnpm pack");
  timings["pnpm pack"] = Math.round(performance.now() - started);

  const files = (await readdir(tarballs)).filter((name) => name.endsWith(".tgz"));
  const tarballOf = (name: string) => {
    const file = files.find((candidate) => candidate.startsWith(`${name.slice(1).replace("/", "-")}-`));
    if (!file) throw new Error(`no tarball for ${name} in ${files.join(", ")}`);
    return `file:./tarballs/${file}`;
  };
  const manifest = {
    name: "engagifii-consumer",
    private: true,
    dependencies: Object.fromEntries(PUBLISHED.map((name) => [name, tarballOf(name)])),
    devDependencies: {
      "@types/node": await installedVersion("@types/node"),
      "expect-type": await installedVersion("expect-type"),
    },
    // The client depends on @engagifii/crm-types by version; it must get the tarball, not the registry's copy.
    overrides: { "@engagifii/crm-types": tarballOf("@engagifii/crm-types") },
  };
  await writeFile(join(project, "package.json"), JSON.stringify(manifest, null, 2));
  await cp(fixtures, project, { recursive: true });

  started = performance.now();
  const npm = isWindows ? "npm.cmd" : "npm";
  const install = await exec(
    npm,
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--no-package-lock"],
    project,
  );
  expectSuccess(install, "npm install");
  timings["npm install"] = Math.round(performance.now() - started);
  return { project, timings };
}
