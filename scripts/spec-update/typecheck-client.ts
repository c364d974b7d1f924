import { spawn } from "node:child_process";
import { cp, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { childOutput } from "../child-output.js";

/** One TypeScript error in hand-written code, named the way an editor names it. */
export interface TypeErrorReport {
  /** Relative to the repository root, with forward slashes: `packages/client/src/resources/people.ts`. */
  file: string;
  line: number;
  code: string;
  /** The first line of the compiler's message. */
  message: string;
}

export interface TypecheckClientOptions {
  repoRoot: string;
  /** The freshly generated `packages/types/src/generated/openapi.ts`. */
  generatedTypes: string;
}

/**
 * Type-checks packages/client against new generated types without touching packages/types: a temporary copy of
 * packages/types/src holds the new generated file, and a tsconfig that extends the client's maps
 * `@engagifii/crm-types` to it. That is what building the types and running `tsc -p packages/client` would check,
 * and it can run before anything is written, so a dry run reports the same errors.
 */
export async function typecheckClient({
  repoRoot,
  generatedTypes,
}: TypecheckClientOptions): Promise<TypeErrorReport[]> {
  // realpath: tsc reports real paths, and on macOS the temporary folder sits behind a symlink.
  const work = await realpath(await mkdtemp(join(tmpdir(), "spec-update-tsc-")));
  try {
    const typesSource = join(work, "types-src");
    await cp(join(repoRoot, "packages/types/src"), typesSource, { recursive: true });
    await writeFile(join(typesSource, "generated/openapi.ts"), generatedTypes);
    const tsconfig = join(work, "tsconfig.json");
    await writeFile(
      tsconfig,
      JSON.stringify({
        extends: join(repoRoot, "packages/client/tsconfig.json"),
        compilerOptions: { noEmit: true, paths: { "@engagifii/crm-types": [join(typesSource, "index.ts")] } },
      }),
    );
    const output = await runTsc(["-p", tsconfig, "--pretty", "false"], repoRoot);
    const errors = parseErrors(output.text, repoRoot, (file) =>
      file.startsWith(typesSource + sep) ? `packages/types/src/${toPosix(relative(typesSource, file))}` : undefined,
    );
    if (output.code !== 0 && errors.length === 0) {
      throw new Error(`tsc failed without a type error (exit ${output.code}): ${output.text.trim().split("\n", 1)[0]}`);
    }
    return errors;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The workspace's TypeScript, run with this Node: no shell, no PATH lookup. */
async function runTsc(args: string[], cwd: string): Promise<{ code: number | null; text: string }> {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const { code, stdout, stderr } = await childOutput(spawn(process.execPath, [tsc, ...args], { cwd }));
  return { code, text: stdout + stderr };
}

const ERROR_LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

function parseErrors(text: string, cwd: string, mapFile: (absolute: string) => string | undefined): TypeErrorReport[] {
  const errors: TypeErrorReport[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = ERROR_LINE.exec(line);
    if (!match) continue;
    const [, file = "", row = "0", , code = "", message = ""] = match;
    const absolute = resolve(cwd, file);
    errors.push({
      file: mapFile(absolute) ?? toPosix(relative(cwd, absolute)),
      line: Number(row),
      code,
      // A long inferred type inside quotes says little in a one-line report; keep its start.
      message: message.replace(/'([^']{80,})'/g, (_quoted, type: string) => `'${type.slice(0, 60)}…'`),
    });
  }
  return errors;
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}
