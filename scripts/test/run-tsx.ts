import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ChildOutput, childOutput } from "../child-output.js";

const scriptsDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = join(scriptsDir, "node_modules", ".bin", "tsx");

/**
 * Runs one of the scripts/ programs through tsx, as `pnpm <script>` would, and collects its
 * output. ENGAGIFII_SPEC_URL from the developer's shell is left out so it cannot change a test.
 * With `repoRoot` (a temporary copy, see temp-repo.ts), that copy's program runs, and works on the copy.
 */
export function runScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  repoRoot?: string,
): Promise<ChildOutput> {
  const { ENGAGIFII_SPEC_URL: _ignored, ...inherited } = process.env;
  const cwd = repoRoot === undefined ? scriptsDir : join(repoRoot, "scripts");
  return childOutput(spawn(tsx, [join(cwd, script), ...args], { cwd, env: { ...inherited, ...env } }));
}
