import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const scriptsDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = join(scriptsDir, "node_modules", ".bin", "tsx");

/**
 * Runs one of the scripts/ programs through tsx, as `pnpm <script>` would, and collects its
 * output. ENGAGIFII_SPEC_URL from the developer's shell is left out so it cannot change a test.
 */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const { ENGAGIFII_SPEC_URL: _ignored, ...inherited } = process.env;
  const child = spawn(tsx, [join(scriptsDir, script), ...args], { cwd: scriptsDir, env: { ...inherited, ...env } });
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
