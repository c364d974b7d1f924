import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { childOutput } from "../child-output.js";
import { listWorkspacePackages, type WorkspacePackage } from "./workspace-packages.js";

/** One TypeScript error in hand-written code, named the way an editor names it. */
export interface TypeErrorReport {
  /** Relative to the repository root, with forward slashes: `examples/src/sync-contacts.ts`. */
  file: string;
  line: number;
  code: string;
  /** The first line of the compiler's message. */
  message: string;
}

export interface TypecheckWorkspaceOptions {
  repoRoot: string;
  /** The regenerated files, by path relative to the repository root. */
  files: Record<string, string>;
}

// Never copied: installed, built or cached output, and history (and the root's generated API reference, docs/).
const SKIPPED = new Set(["node_modules", "dist", ".git", ".turbo", "coverage"]);

/**
 * Type-checks every workspace package (sources, tests, examples, benchmarks) against regenerated
 * files, without touching the repository: a copy of its sources holds the new files, each package's
 * node_modules is linked, and each workspace package is resolved to its copied `src/index.ts`
 * rather than to a dist/ that would still hold the old types. Every file a package's `typecheck`
 * script checks is checked, and each error is named by the file and line in the repository.
 */
export async function typecheckWorkspace({ repoRoot, files }: TypecheckWorkspaceOptions): Promise<TypeErrorReport[]> {
  const work = await realpath(await mkdtemp(join(tmpdir(), "spec-update-workspace-")));
  try {
    const packages = await copyWorkspace(repoRoot, work);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(work, path)), { recursive: true });
      await writeFile(join(work, path), text);
    }
    const paths = Object.fromEntries(
      packages.filter(({ entry }) => entry).map(({ name, dir, entry }) => [name, [join(work, dir, entry ?? "")]]),
    );
    return await checkTogether(work, packages, paths);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Copies the workspace's sources to `to` (no dist/, no .git) with working node_modules: the root's
 * is linked, each package's is copied as the links it holds, which then resolve inside the copy.
 */
export async function copyWorkspace(from: string, to: string): Promise<WorkspacePackage[]> {
  const skip = (source: string) => SKIPPED.has(source.split(sep).pop() ?? "") || source === join(from, "docs");
  await cp(from, to, { recursive: true, filter: (source) => !skip(source) });
  const packages = await listWorkspacePackages(to);
  await symlink(join(from, "node_modules"), join(to, "node_modules"), "dir");
  for (const { dir } of packages) await linkNodeModules(join(from, dir), join(to, dir));
  return packages;
}

/** A package's node_modules holds links relative to itself: copied as links, they resolve inside the copy. */
async function linkNodeModules(from: string, to: string): Promise<void> {
  const source = join(from, "node_modules");
  const entries = await readdir(source).catch(() => undefined);
  if (!entries) return;
  await cp(source, join(to, "node_modules"), { recursive: true, verbatimSymlinks: true });
}

/**
 * One tsc program over every file the packages' tsconfigs include: they all extend
 * tsconfig.base.json and differ only in `types` (node, or none for the client's sources, a subset),
 * so one program checks the same code and parses the generated types once instead of once a package.
 */
async function checkTogether(
  work: string,
  packages: WorkspacePackage[],
  paths: Record<string, string[]>,
): Promise<TypeErrorReport[]> {
  const include = new Set<string>();
  const typeRoots = new Set<string>();
  for (const { dir, tsconfigs } of packages) {
    for (const tsconfig of tsconfigs) {
      const text = await readFile(join(work, dir, tsconfig), "utf8");
      const config = JSON.parse(text.replace(/^\s*\/\/.*$/gm, "")) as { include?: string[] };
      for (const pattern of config.include ?? []) include.add(`${dir}/${pattern}`);
    }
    const types = join(work, dir, "node_modules/@types");
    if (await readdir(types).catch(() => undefined)) typeRoots.add(types);
  }
  const config = join(work, "tsconfig.spec-update.json");
  await writeFile(
    config,
    JSON.stringify({
      extends: "./tsconfig.base.json",
      compilerOptions: { noEmit: true, types: ["node"], typeRoots: [...typeRoots], paths },
      include: [...include],
    }),
  );
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const output = await childOutput(spawn(process.execPath, [tsc, "-p", config, "--pretty", "false"], { cwd: work }));
  const text = output.stdout + output.stderr;
  const errors = parseErrors(text, work, work);
  if (output.code !== 0 && errors.length === 0)
    throw new Error(`tsc failed without a type error (exit ${output.code}): ${text.trim().split("\n", 1)[0]}`);
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.file}:${error.line}:${error.code}:${error.message}`;
    return !seen.has(key) && seen.add(key);
  });
}

const ERROR_LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

function parseErrors(text: string, cwd: string, work: string): TypeErrorReport[] {
  const errors: TypeErrorReport[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = ERROR_LINE.exec(line);
    if (!match) continue;
    const [, file = "", row = "0", , code = "", message = ""] = match;
    errors.push({
      file: relative(work, resolve(cwd, file)).split(sep).join("/"),
      line: Number(row),
      code,
      // A long inferred type inside quotes says little in a one-line report; keep its start.
      message: message.replace(/'([^']{80,})'/g, (_quoted, type: string) => `'${type.slice(0, 60)}…'`),
    });
  }
  return errors;
}
