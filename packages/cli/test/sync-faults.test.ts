// The sync's crash test: kill the binary at a random write during apply, 20 times, and run it again
// each time. The API must end up equal to the file, with no duplicate and no write sent twice.
// It syncs the first resource the shipped binary syncs, on the document in use: the file's columns
// are the create body's text fields, the match field is an email field if there is one, else the
// first of them, and the values are generated from the document's schemas.

import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listRecords, scalarBody, syncColumns } from "./document-values.js";
import { startFakeCrmServer } from "./fake-crm-server.js";
import { seededRandom } from "./random.js";
import { document, fakeEnvironment, finished, runBinary, startBinary } from "./run-binary.js";
import { isPageOf, syncableResource } from "./shipped-table.js";

const seed = 20261201;
const runs = 20;
const resource = syncableResource();
const list = resource.every!;
const create = resource.operations.create!;

const { columns, match, changed } = syncColumns(document, create);

/** Row `index`'s values: generated from the create body's schema, the match field made unique. */
function rowValues(index: number): Record<string, string> {
  const body = scalarBody(document, create, `sync ${index}`);
  const unique = match.format === "email" ? `row.${index}@example.com` : `${String(body[match.name])} ${index}`;
  return Object.fromEntries(columns.map((name) => [name, name === match.name ? unique : String(body[name])]));
}

// The API holds 60 records; the file: 40 of them kept (20 with a changed field), 20 left out
// (deleted), 40 new → 80 writes.
const existing = listRecords(document, list, 60).map((record, index) => ({ ...record, ...rowValues(index) }));
const kept = existing.slice(0, 40).map((record, index) => ({
  ...Object.fromEntries(columns.map((name) => [name, String(record[name])])),
  ...(index < 20 ? { [changed.name]: `${String(record[changed.name])} (changed)` } : {}),
}));
const added = Array.from({ length: 40 }, (_, index) => rowValues(1_000 + index));
const wanted = [...kept, ...added];
const writesPlanned = 20 + 20 + 40;

let directory: string;
let csvPath: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "engagifii-sync-"));
  csvPath = join(directory, "contacts.csv");
  await writeFile(csvPath, stringify(wanted, { header: true, columns }));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

/** Requests that change something: not a token, not a page of the list. */
const isWrite = (method: string, url: string) => method !== "GET" && !isPageOf(list, method, url);

it(`survives ${runs} kills at random points of apply: the API equals the file, no duplicates, no key sent twice`, async () => {
  const random = seededRandom(seed);
  for (let run = 0; run < runs; run++) {
    const killAt = 1 + Math.floor(random() * writesPlanned);
    let writes = 0;
    let child: ChildProcess | undefined;
    const server = await startFakeCrmServer(document, {
      seed: { [list.path]: existing },
      onRequest: (method, url) => {
        if (isWrite(method, url) && ++writes === killAt) child?.kill("SIGKILL");
      },
    });
    try {
      const env = fakeEnvironment(server.url, directory);
      const args = ["sync", resource.command, csvPath, "--match", match.name, "--delete-missing"];
      child = startBinary(args, { env });
      const killed = await finished(child);
      expect(killed.signal, `run ${run} (seed ${seed}, kill at write ${killAt}): ${killed.stderr}`).toBe("SIGKILL");
      await delay(20); // let the fake finish reading what reached its sockets before the child died
      const rerun = await runBinary(args, { env });
      expect(rerun.code, `run ${run}: ${rerun.stderr}`).toBe(0);
      expect(existsSync(`${csvPath}.sync-checkpoint.jsonl`)).toBe(false);

      const records = server.records(list.path);
      const keys = records.map((record) => String(record[match.name]).toLowerCase());
      expect(new Set(keys).size, `run ${run}: duplicates`).toBe(keys.length);
      const byKey = new Map(records.map((record) => [String(record[match.name]).toLowerCase(), record]));
      expect(records).toHaveLength(wanted.length);
      for (const row of wanted) {
        const key = String(row[match.name]).toLowerCase();
        expect(byKey.get(key), `run ${run}: ${key}`).toMatchObject(row);
      }
      const repeated = [...server.idempotencyKeys].filter(([, count]) => count > 1);
      expect(repeated, `run ${run}: keys sent more than once`).toEqual([]);
      expect(server.idempotencyKeys.size).toBe(writesPlanned);
    } finally {
      await server.stop();
    }
  }
}, 120_000);

it("Ctrl-C stops after the writes in flight, exits 130, and a re-run finishes the plan", async () => {
  let writes = 0;
  let child: ChildProcess | undefined;
  const server = await startFakeCrmServer(document, {
    seed: { [list.path]: existing },
    onRequest: (method, url) => {
      if (isWrite(method, url) && ++writes === 10) child?.kill("SIGINT");
    },
  });
  try {
    const env = fakeEnvironment(server.url, directory);
    const args = ["sync", resource.command, csvPath, "--match", match.name, "--delete-missing", "--concurrency", "1"];
    child = startBinary(args, { env });
    const interrupted = await finished(child);
    expect(interrupted.code, interrupted.stderr).toBe(130);
    expect(interrupted.stdout).toMatch(/^interrupted: .* 0 failed$/m);
    expect(interrupted.stdout).toContain("writes not sent; run the same command again to finish");
    expect(existsSync(`${csvPath}.sync-checkpoint.jsonl`)).toBe(true);
    const rerun = await runBinary(args, { env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(server.records(list.path)).toHaveLength(wanted.length);
    expect([...server.idempotencyKeys.values()].every((count) => count === 1)).toBe(true);
    expect(server.idempotencyKeys.size).toBe(writesPlanned);
  } finally {
    await server.stop();
  }
});
