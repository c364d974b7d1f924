#!/usr/bin/env node
// Lets `npm test` and `npm run demo` work on a machine that has only Node and npm:
// it provides the pinned pnpm (installed into .tools/ when none is on PATH), installs the
// workspace from the frozen lockfile, then runs `pnpm <args>`.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pnpmVersion = packageManager.replace(/^pnpm@/, "");
const toolsDir = join(root, ".tools", `pnpm-${pnpmVersion}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pnpmOnPathMatches() {
  const result = spawnSync("pnpm", ["--version"], { encoding: "utf8", shell: process.platform === "win32" });
  return result.status === 0 && result.stdout.trim() === pnpmVersion;
}

function fail(message) {
  console.error(`bootstrap: ${message}`);
  process.exit(1);
}

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", COREPACK_ENABLE_STRICT: "0" };
// npm exports its own settings as npm_config_*; pnpm would read them as its own and warn.
for (const key of Object.keys(env)) if (key.toLowerCase().startsWith("npm_config_")) delete env[key];

if (!pnpmOnPathMatches()) {
  const localBin = join(toolsDir, "node_modules", ".bin");
  if (!existsSync(join(localBin, "pnpm"))) {
    console.log(`bootstrap: installing pnpm ${pnpmVersion} into .tools/`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const status = run(
      npm,
      [
        "install",
        "--prefix",
        toolsDir,
        "--no-save",
        "--no-package-lock",
        "--no-audit",
        "--no-fund",
        `pnpm@${pnpmVersion}`,
      ],
      { env },
    );
    if (status !== 0) fail(`could not install pnpm@${pnpmVersion} with npm (exit ${status})`);
  }
  env.PATH = `${localBin}${delimiter}${env.PATH ?? ""}`;
}

const pnpm = process.platform === "win32" ? "pnpm.cmd" : "pnpm";
const installStatus = run(pnpm, ["install", "--frozen-lockfile", "--reporter=append-only"], { env });
if (installStatus !== 0) fail(`pnpm install --frozen-lockfile failed (exit ${installStatus})`);

process.exit(run(pnpm, process.argv.slice(2), { env }));
