import { spawn } from "node:child_process";
import { childOutput } from "../child-output.js";

/**
 * Builds the packages on the new types and rewrites their API reports (`pnpm api:update`), so that what a spec
 * change does to the public API shows up in each package's review/*.api.md beside the spec diff. Returns a line for
 * the summary.
 */
export async function refreshApiReports(repoRoot: string): Promise<string> {
  const child = spawn("pnpm", ["api:update", "--output-logs=errors-only"], {
    cwd: repoRoot,
    shell: process.platform === "win32",
  });
  const { code, stdout, stderr } = await childOutput(child);
  if (code === 0) return "Refreshed the API reports (pnpm api:update): review them in packages/*/review/*.api.md.";
  const reason = `${stdout}${stderr}`.trim().split("\n").at(-1) ?? "";
  return `The API reports were not refreshed: pnpm api:update failed (exit ${code}): ${reason}`;
}
