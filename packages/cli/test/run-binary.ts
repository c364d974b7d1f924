// Runs the built binary (dist/cli.js, through bin/engagifii.js) as a child process, as users do.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadDocument } from "../src/document/load-document.js";
import { packagedDocumentPath } from "../src/document-path.js";

export const binaryPath = fileURLToPath(new URL("../bin/engagifii.js", import.meta.url));
export const document = loadDocument(packagedDocumentPath());

export interface BinaryResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Settings for a fake API at `url`; HOME and XDG_CONFIG_HOME point at `home` so no real profile is read. */
export function fakeEnvironment(url: string, home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: home,
    XDG_CONFIG_HOME: `${home}/.config`,
    ENGAGIFII_BASE_URL: url,
    ENGAGIFII_TENANT_CODE: "acme",
    ENGAGIFII_CLIENT_ID: "test-client",
    ENGAGIFII_CLIENT_SECRET: "test-secret-value",
    NO_COLOR: "1",
  };
}

export interface BinaryOptions {
  env: Record<string, string>;
  cwd?: string;
  /** Written to the binary's stdin, which is then closed. */
  input?: string;
}

export function startBinary(args: readonly string[], options: BinaryOptions): ChildProcess {
  const child = spawn(process.execPath, [binaryPath, ...args], {
    env: options.env,
    cwd: options.cwd,
    stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  child.stdin?.end(options.input);
  return child;
}

export function finished(child: ChildProcess): Promise<BinaryResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function runBinary(args: readonly string[], options: BinaryOptions): Promise<BinaryResult> {
  return finished(startBinary(args, options));
}
