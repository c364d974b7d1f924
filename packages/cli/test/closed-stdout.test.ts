// A reader that stops early (`engagifii … | head -1`): the built binary's stdout is a pipe whose
// other end the test closes, after one line or before any. Output-only commands stop paging and
// exit 0 without a word; sync stops like Ctrl-C, keeps its checkpoint and says so on stderr (141).
// The resource, its list and its fields come from the shipped table and the document (shipped-table.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRecords, scalarBody, syncColumns } from "./document-values.js";
import { embeddedRecords } from "./embedded-records.js";
import { type FakeCrmServer, startFakeCrmServer } from "./fake-crm-server.js";
import { binaryPath, document, fakeEnvironment, finished, runBinary, startBinary } from "./run-binary.js";
import { everyMethod, isPageOf, shapeOf, syncableResource } from "./shipped-table.js";

const resource = syncableResource();
const list = resource.every!;
const iterate = [resource.command, everyMethod(resource).command, "--page-size", "1"];
const shape = shapeOf(list);
const pageSizeOne = shape.location === "query" ? ["--query", `${shape.sizeField}=1`] : ["-F", `${shape.sizeField}=1`];
const records = listRecords(document, list, 120);
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

/** A fake API with 120 records that counts the requests for their pages. */
async function countingServer(): Promise<{ server: FakeCrmServer; pageRequests: () => number }> {
  let pageRequests = 0;
  const server = await startFakeCrmServer(document, {
    seed: { [list.path]: records },
    onRequest: (method, url) => {
      if (isPageOf(list, method, url)) pageRequests += 1;
    },
  });
  return { server, pageRequests: () => pageRequests };
}

describe("a command that only prints, when its reader stops after one line", () => {
  it(`--mock ${iterate.slice(0, 2).join(" ")}: exits 0 with nothing on stderr`, async () => {
    const [first] = await embeddedRecords(document, resource);
    const child = startBinary(["--mock", ...iterate], { env: { PATH: process.env.PATH ?? "", HOME: directory } });
    const [line, result] = await Promise.all([readOneLine(child), finished(child)]);
    expect(JSON.parse(line)).toEqual(first);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it.each([
    [iterate.slice(0, 2).join(" "), iterate],
    ["api --paginate", ["api", list.method, list.path, "--paginate", ...pageSizeOne]],
  ])("%s stops paging: a few of the 120 pages are requested", async (_name, args) => {
    const { server, pageRequests } = await countingServer();
    try {
      const child = startBinary(args, { env: fakeEnvironment(server.url, directory) });
      const [line, result] = await Promise.all([readOneLine(child), finished(child)]);
      expect(JSON.parse(line)).toEqual(records[0]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(pageRequests()).toBeGreaterThan(0);
      expect(pageRequests()).toBeLessThan(10);
    } finally {
      await server.stop();
    }
  });

  it("a list into a reader that is already gone: exits 0 with nothing on stderr", async () => {
    const { server } = await countingServer();
    try {
      const child = startBinary([resource.command, "list", "--page-size", "120"], {
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
      const child = spawn(process.execPath, [binaryPath, ...iterate], {
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
  // As in the crash test: the file's columns are the create body's text fields, matched by an email field if there
  // is one. 10 records get a changed field, 10 new ones are created: 20 writes.
  const create = resource.operations.create!;
  const { columns, match, changed } = syncColumns(document, create);
  const row = (index: number, edit = ""): Record<string, string> => {
    const body = scalarBody(document, create, `piped ${index}`);
    const values = Object.fromEntries(columns.map((name) => [name, String(body[name])]));
    return {
      ...values,
      [match.name]: match.format === "email" ? `piped.${index}@example.com` : `piped ${index}`,
      [changed.name]: `${values[changed.name]}${edit}`,
    };
  };
  const existing = records.slice(0, 20).map((record, index) => ({ ...record, ...row(index) }));
  const wanted = [
    ...Array.from({ length: 10 }, (_, index) => row(index, " (changed)")),
    ...Array.from({ length: 10 }, (_, index) => row(1_000 + index)),
  ];
  const args = () => ["sync", resource.command, csvPath, "--match", match.name];
  let csvPath: string;

  beforeAll(async () => {
    csvPath = join(directory, "piped.csv");
    await writeFile(csvPath, stringify(wanted, { header: true, columns }));
  });

  async function syncServer(onWrite: () => void): Promise<FakeCrmServer> {
    return startFakeCrmServer(document, {
      seed: { [list.path]: existing },
      // A write changes something: not a GET, and not a page of the list (a `POST …/PagingList` reads).
      onRequest: (method, url) => {
        if (method !== "GET" && !isPageOf(list, method, url)) onWrite();
      },
    });
  }

  function expectApiEqualsFile(server: FakeCrmServer): void {
    const byKey = new Map(server.records(list.path).map((record) => [record[match.name], record]));
    for (const wantedRow of wanted)
      expect(byKey.get(wantedRow[match.name]), wantedRow[match.name]).toMatchObject(wantedRow);
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
      const child = startBinary(args(), { env });
      child.stdout?.destroy(); // `| true`: the reader is gone before the plan is printed
      const stopped = await finished(child);
      expect(stopped.stderr).not.toMatch(stackTrace);
      expect(stopped.stderr).toMatch(/^stopped \(stdout closed\): 0 created, 0 updated, 0 deleted, .* 0 failed$/m);
      expect(stopped.stderr).toContain("20 writes not sent; run the same command again to finish");
      expect(stopped.code).toBe(141);
      expect(writes).toBe(0);

      const rerun = await runBinary(args(), { env });
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
      child = startBinary(args(), {
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
