import type { ChildProcessWithoutNullStreams } from "node:child_process";

export interface ChildOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Collects a spawned process's output until it exits; rejects if it cannot be started. */
export function childOutput(child: ChildProcessWithoutNullStreams): Promise<ChildOutput> {
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
