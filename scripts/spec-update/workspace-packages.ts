import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";

export interface WorkspacePackage {
  name: string;
  /** Relative to the repository root, with forward slashes. */
  dir: string;
  /** The tsconfig files its `typecheck` script checks (`tsc --noEmit [-p file]`), relative to `dir`. */
  tsconfigs: string[];
  /** `src/index.ts` when the package has one: where other packages' imports of it are pointed. */
  entry: string | undefined;
}

async function exists(path: string): Promise<boolean> {
  return readFile(path).then(
    () => true,
    () => false,
  );
}

/** The tsconfigs a `typecheck` script runs tsc on: each `tsc` command's `-p` file, else tsconfig.json. */
export function tsconfigsOf(script: string | undefined): string[] {
  if (!script) return [];
  return script
    .split(/&&|;/)
    .filter((command) => /\btsc\b/.test(command))
    .map((command) => /(?:-p|--project)\s+(\S+)/.exec(command)?.[1] ?? "tsconfig.json");
}

/** Every package of pnpm-workspace.yaml (`dir/*` globs and plain folders) with a package.json. */
export async function listWorkspacePackages(repoRoot: string): Promise<WorkspacePackage[]> {
  const workspace = parse(await readFile(join(repoRoot, "pnpm-workspace.yaml"), "utf8")) as { packages?: string[] };
  const dirs: string[] = [];
  for (const pattern of workspace.packages ?? []) {
    if (pattern.endsWith("/*")) {
      const parent = pattern.slice(0, -2);
      const entries = await readdir(join(repoRoot, parent), { withFileTypes: true }).catch(() => []);
      for (const entry of entries) if (entry.isDirectory()) dirs.push(`${parent}/${entry.name}`);
    } else dirs.push(pattern);
  }
  const packages: WorkspacePackage[] = [];
  for (const dir of dirs.sort()) {
    const manifestPath = join(repoRoot, dir, "package.json");
    if (!(await exists(manifestPath))) continue;
    const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as {
      name?: string;
      scripts?: Record<string, string>;
    };
    const entry = (await exists(join(repoRoot, dir, "src/index.ts"))) ? "src/index.ts" : undefined;
    packages.push({ name: manifest.name ?? dir, dir, tsconfigs: tsconfigsOf(manifest.scripts?.typecheck), entry });
  }
  return packages;
}
