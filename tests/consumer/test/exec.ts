import { spawn } from "node:child_process";
import { type ChildOutput, childOutput } from "../../../scripts/child-output.js";

export type Run = ChildOutput;

export const isWindows = process.platform === "win32";

/** Runs a command; npm's and pnpm's own npm_config_* settings are not passed on to the child. */
export function exec(command: string, args: string[], cwd: string): Promise<Run> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_config_")),
  );
  return childOutput(spawn(command, args, { cwd, env, shell: isWindows }));
}

export function expectSuccess(run: Run, what: string): void {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
}

/** Runs `work` over `items`, at most `limit` at a time, and returns the results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
