// A reader that stops early (`engagifii … | head -1`): the built binary's stdout is a pipe whose
// other end the test closes, after one line or before any. Output-only commands stop paging and
// exit 0 without a word; sync stops like Ctrl-C, keeps its checkpoint and says so on stderr (141).
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePeople } from "../src/mock/embedded-mock.js";
import { type FakeCrmServer, startFakeCrmServer } from "./fake-crm-server.js";
import { binaryPath, document, fakeEnvironment, finished, runBinary, startBinary } from "./run-binary.js";

const peoplePath = "/api/v1/people";
const people = samplePeople();
const stackTrace = /\n\s+at /;
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

describe("sync, when stdout is closed", () => {
  // 10 people get a new phone, 10 new ones are created: 20 writes.
  const updated = people.slice(0, 10).map((person, index) => ({
    firstName: person.firstName as string,
    lastName: person.lastName as string,
    email: person.email as string,
    phone: `+1-555-03${index}`,
  }));
  const added = Array.from({ length: 10 }, (_, index) => ({
    firstName: "Piped",
    lastName: `Person ${index}`,
    email: `piped.${index}@example.com`,
    phone: `+1-555-04${index}`,
  }));
  const wanted = [...updated, ...added];
  let csvPath: string;

  beforeAll(async () => {
    csvPath = join(directory, "piped.csv");
    const lines = [
      "firstName,lastName,email,phone",
      ...wanted.map((row) => [row.firstName, row.lastName, row.email, row.phone].join(",")),
    ];
    await writeFile(csvPath, `${lines.join("\n")}\n`);
  });

  async function syncServer(onWrite: () => void): Promise<FakeCrmServer> {
    return startFakeCrmServer(document, {
      seed: { [peoplePath]: people.slice(0, 20) },
      onRequest: (method) => {
        if (method !== "GET") onWrite();
      },
    });
  }

  function expectApiEqualsFile(server: FakeCrmServer): void {
    const byEmail = new Map(server.records(peoplePath).map((record) => [record.email, record]));
    for (const row of wanted) expect(byEmail.get(row.email), row.email).toMatchObject({ phone: row.phone });
    expect([...server.idempotencyKeys.values()].every((count) => count === 1)).toBe(true);
    expect(server.idempotencyKeys.size).toBe(wanted.length);
  }

  it("before it applies: sends no write, says so on stderr, exits 141, and a re-run does it all", async () => {
    let writes = 0;
    const server = await syncServer(() => {
      writes += 1;
    });
    try {
      const env = fakeEnvironment(server.url, directory);
      const args = ["sync", "people", csvPath, "--match", "email"];
      const child = startBinary(args, { env });
      child.stdout?.destroy(); // `| true`: the reader is gone before the plan is printed
      const stopped = await finished(child);
      expect(stopped.stderr).not.toMatch(stackTrace);
      expect(stopped.stderr).toMatch(/^stopped \(stdout closed\): 0 created, 0 updated, 0 deleted, .* 0 failed$/m);
      expect(stopped.stderr).toContain("20 writes not sent; run the same command again to finish");
      expect(stopped.code).toBe(141);
      expect(writes).toBe(0);

      const rerun = await runBinary(args, { env });
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(writes).toBe(wanted.length);
      expectApiEqualsFile(server);
    } finally {
      await server.stop();
    }
  });

  it("while it applies: every write is made, the summary goes to stderr, the checkpoint is removed", async () => {
    let child: ChildProcess | undefined;
    let writes = 0;
    const server = await syncServer(() => {
      if (++writes === 1) child?.stdout?.destroy(); // the plan was read; nobody reads the summary
    });
    try {
      child = startBinary(["sync", "people", csvPath, "--match", "email"], {
        env: fakeEnvironment(server.url, directory),
      });
      const result = await finished(child);
      expect(result.stderr).not.toMatch(stackTrace);
      expect(result.stderr).toMatch(/^done: 10 created, 10 updated, 0 deleted, .* 0 failed$/m);
      expect(result.code).toBe(0);
      expect(existsSync(`${csvPath}.sync-checkpoint.jsonl`)).toBe(false);
      expectApiEqualsFile(server);
    } finally {
      await server.stop();
    }
  });
});
