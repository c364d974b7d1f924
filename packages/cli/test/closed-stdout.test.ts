// A reader that stops early (`engagifii … | head -1`): the built binary's stdout is a pipe whose
// other end the test closes, after one line or before any. Output-only commands stop paging and
// exit 0 without a word.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePeople } from "../src/mock/embedded-mock.js";
import { type FakeCrmServer, startFakeCrmServer } from "./fake-crm-server.js";
import { binaryPath, document, fakeEnvironment, finished, startBinary } from "./run-binary.js";

const peoplePath = "/api/v1/people";
const people = samplePeople();
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "engagifii-closed-stdout-"));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

/** Like `head -1`: the first line of the child's stdout, then the pipe is closed. */
function readOneLine(child: ChildProcess): Promise<string> {
  const stdout = child.stdout!;
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const end = text.indexOf("\n");
      if (end < 0) return;
      stdout.off("data", onData);
      stdout.destroy();
      resolve(text.slice(0, end));
    };
    stdout.on("data", onData);
    child.on("close", () => reject(new Error(`stdout ended before its first line: ${text}`)));
  });
}

/** A fake API with the 120 sample people that counts the requests for their pages. */
async function countingServer(): Promise<{ server: FakeCrmServer; pageRequests: () => number }> {
  let pageRequests = 0;
  const server = await startFakeCrmServer(document, {
    seed: { [peoplePath]: people },
    onRequest: (method, path) => {
      if (method === "GET" && new URL(path, "http://fake").pathname === peoplePath) pageRequests += 1;
    },
  });
  return { server, pageRequests: () => pageRequests };
}

describe("a command that only prints, when its reader stops after one line", () => {
  it("--mock people iterate: exits 0 with nothing on stderr", async () => {
    const child = startBinary(["--mock", "people", "iterate", "--page-size", "1"], {
      env: { PATH: process.env.PATH ?? "", HOME: directory },
    });
    const [line, result] = await Promise.all([readOneLine(child), finished(child)]);
    expect(JSON.parse(line)).toMatchObject({ email: people[0]?.email });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it.each([
    ["people iterate", ["people", "iterate", "--page-size", "1"]],
    ["api --paginate", ["api", "GET", peoplePath, "--paginate", "--query", "pageSize=1"]],
  ])("%s stops paging: a few of the 120 pages are requested", async (_name, args) => {
    const { server, pageRequests } = await countingServer();
    try {
      const child = startBinary(args, { env: fakeEnvironment(server.url, directory) });
      const [line, result] = await Promise.all([readOneLine(child), finished(child)]);
      expect(JSON.parse(line)).toMatchObject({ email: people[0]?.email });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(pageRequests()).toBeGreaterThan(0);
      expect(pageRequests()).toBeLessThan(10);
    } finally {
      await server.stop();
    }
  });

  it("people list into a reader that is already gone: exits 0 with nothing on stderr", async () => {
    const { server } = await countingServer();
    try {
      const child = startBinary(["people", "list", "--page-size", "120"], {
        env: fakeEnvironment(server.url, directory),
      });
      child.stdout?.destroy();
      const result = await finished(child);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it.skipIf(!existsSync("/dev/full"))("another error on stdout (ENOSPC) still fails the command", async () => {
    const { server } = await countingServer();
    const full = openSync("/dev/full", "w");
    try {
      const child = spawn(process.execPath, [binaryPath, "people", "iterate", "--page-size", "1"], {
        env: fakeEnvironment(server.url, directory),
        stdio: ["ignore", full, "pipe"],
      });
      const result = await finished(child);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("ENOSPC");
    } finally {
      closeSync(full);
      await server.stop();
    }
  });
});
