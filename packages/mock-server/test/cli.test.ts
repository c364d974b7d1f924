import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { cliPath, liveShapedSpec, pingSpec, repositoryTokenPath } from "./helpers.js";

const children: ChildProcess[] = [];

function runCli(args: string[]) {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = once(child, "exit").then(([code]) => code as number | null);
  // Resolves with stdout's first line, or rejects if the CLI exits before printing one.
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const newline = stdout.indexOf("\n");
      if (newline >= 0) resolve(stdout.slice(0, newline));
    });
    void exited.then((code) => reject(new Error(`the CLI exited with ${code} before printing a line: ${stderr}`)));
  });
  // Only the tests that wait for a line care; for the others an early exit is the expected outcome.
  firstLine.catch(() => undefined);
  return { child, exited, firstLine, output: () => ({ stdout, stderr }) };
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`${what} took more than ${milliseconds} ms`)), milliseconds).unref();
    }),
  ]);
}

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing; run \`pnpm build\` first`);
});

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});

describe("engagifii-crm-mock", () => {
  // Without --spec it serves the document of specs/, whichever that is: its token URL comes from the generated metadata.
  it("prints its URL, serves the spec of specs/, and exits 0 on SIGTERM", async () => {
    const { child, exited, firstLine } = runCli(["--port", "0"]);
    const line = await withTimeout(firstLine, 10_000, "starting the CLI");
    const url = /^Engagifii CRM mock listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
    expect(url, line).toBeDefined();

    const response = await fetch(`${url}${repositoryTokenPath}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "test", client_secret: "test" }),
    });
    expect(response.status).toBe(200);
    await response.body?.cancel();

    child.kill("SIGTERM");
    expect(await withTimeout(exited, 5_000, "stopping on SIGTERM")).toBe(0);
  });

  it("serves the document given in --spec and exits 0 on SIGINT", async () => {
    const { child, exited, firstLine } = runCli(["--port", "0", "--spec", pingSpec]);
    const url = /(http:\/\/\S+)$/.exec(await withTimeout(firstLine, 10_000, "starting the CLI"))?.[1];
    const response = await fetch(`${url}/ping`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ pong: true });

    child.kill("SIGINT");
    expect(await withTimeout(exited, 5_000, "stopping on SIGINT")).toBe(0);
  });

  it.each([
    [
      ["--port", "99999"],
      /^engagifii-crm-mock: invalid --port 99999: expected an integer from 0 to 65535 \(see --help\)\n$/,
    ],
    [["--port", "abc"], /^engagifii-crm-mock: invalid --port abc/],
    [["--bogus"], /^engagifii-crm-mock: Unknown option '--bogus' \(see --help\)\n$/],
    [["stray"], /^engagifii-crm-mock: Unexpected argument 'stray'/],
    [["--log-level", "loud"], /^engagifii-crm-mock: invalid --log-level loud/],
    [["--stateful", "--token-ttl", "0"], /^engagifii-crm-mock: invalid --token-ttl 0: expected a positive number/],
    [["--stateful", "--client-id", "x"], /^engagifii-crm-mock: --client-id and --client-secret go together/],
  ])("exits 2 with one line on stderr for %j", async (args, message) => {
    const { exited, output } = runCli(args);
    expect(await withTimeout(exited, 10_000, "the CLI")).toBe(2);
    const { stdout, stderr } = output();
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("runs the stateful sandbox from a seed file, with token lifetime and credentials from flags", async () => {
    const folder = await mkdtemp(join(tmpdir(), "sandbox-seed-"));
    const seedFile = join(folder, "seed.json");
    await writeFile(
      seedFile,
      JSON.stringify({ "/api/Widget": [{ id: 7, name: "Seeded", createdAt: "2024-01-01T00:00:00Z" }] }),
    );
    const args = ["--port", "0", "--spec", liveShapedSpec, "--stateful", "--seed", seedFile, "--token-ttl", "120"];
    const { child, exited, firstLine, output } = runCli([
      ...args,
      "--client-id",
      "cli-client",
      "--client-secret",
      "cli-secret",
    ]);
    const url = /(http:\/\/\S+)$/.exec(await withTimeout(firstLine, 10_000, "starting the CLI"))?.[1];
    await expect
      .poll(() => output().stdout)
      .toContain(
        `stateful sandbox (records are kept per tenant-code); docs: ${url}/docs; token: POST ${url}/connect/token`,
      );
    expect(output().stdout).not.toContain("cli-secret");

    const tokenResponse = await fetch(`${url}/connect/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "cli-client",
        client_secret: "cli-secret",
      }),
    });
    const token = (await tokenResponse.json()) as { access_token: string; expires_in: number };
    expect(token.expires_in).toBe(120);
    const list = await fetch(`${url}/api/Widget`, {
      headers: { authorization: `Bearer ${token.access_token}`, "tenant-code": "t" },
    });
    expect(await list.json()).toMatchObject({ data: [{ id: 7, name: "Seeded" }], totalCount: 1 });
    const wrong = await fetch(`${url}/connect/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "cli-client", client_secret: "nope" }),
    });
    expect(wrong.status).toBe(401);

    child.kill("SIGTERM");
    expect(await withTimeout(exited, 5_000, "stopping on SIGTERM")).toBe(0);
  });

  it("exits 1 with one line when the port is in use", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await once(blocker, "listening");
    try {
      const address = blocker.address();
      if (address === null || typeof address === "string") throw new Error("expected a TCP address");
      const { exited, output } = runCli(["--port", String(address.port)]);
      expect(await withTimeout(exited, 10_000, "the CLI")).toBe(1);
      expect(output().stderr).toBe(`engagifii-crm-mock: Port ${address.port} on 127.0.0.1 is already in use\n`);
    } finally {
      blocker.close();
    }
  });

  it("prints usage and exits 0 for --help", async () => {
    const { exited, output } = runCli(["--help"]);
    expect(await withTimeout(exited, 10_000, "the CLI")).toBe(0);
    expect(output().stdout).toMatch(/^Usage: engagifii-crm-mock \[options\]/);
  });
});
