import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const HELP = `Usage: pnpm release [--dry-run]

Publishes the packages whose version is not on the registry yet, with \`changeset publish\`
(run \`pnpm version-packages\` first to apply the pending changesets). The root script builds first.

Options:
  --dry-run   Pack each published package (packages/*) with \`pnpm pack\` into a temporary folder and
              list the tarballs; publish nothing. pnpm pack rewrites workspace: and catalog: ranges
              exactly as a publish would.
  -h, --help  Show this help.
`;

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const pnpm = process.platform === "win32" ? "pnpm.cmd" : "pnpm";

function run(args: string[]): number {
  const result = spawnSync(pnpm, args, { cwd: repoRoot, stdio: "inherit", shell: process.platform === "win32" });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

async function dryRun(): Promise<number> {
  const destination = await mkdtemp(join(tmpdir(), "engagifii-release-"));
  const status = run(["--recursive", "--filter", "./packages/*", "pack", "--pack-destination", destination]);
  if (status !== 0) return status;
  const tarballs = (await readdir(destination)).filter((name) => name.endsWith(".tgz")).sort();
  console.log(`\nrelease --dry-run: ${tarballs.length} packages packed, nothing published:`);
  for (const name of tarballs) {
    const { size } = await stat(join(destination, name));
    console.log(`  ${join(destination, name)} (${(size / 1024).toFixed(1)} kB)`);
  }
  return 0;
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args: args[0] === "--" ? args.slice(1) : args,
    options: { "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values["dry-run"]) return dryRun();
  return run(["exec", "changeset", "publish"]);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`release: ${error instanceof Error ? error.message.split("\n", 1)[0] : String(error)}`);
    process.exitCode = 1;
  },
);
