// The sync's crash test: kill the binary at a random write during apply, 20 times, and run it again
// each time. The API must end up equal to the file, with no duplicate and no write sent twice.

import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { samplePeople } from "../src/mock/embedded-mock.js";
import { startFakeCrmServer } from "./fake-crm-server.js";
import { seededRandom } from "./random.js";
import { document, fakeEnvironment, finished, runBinary, startBinary } from "./run-binary.js";

const seed = 20261201;
const runs = 20;
const peoplePath = "/api/v1/people";
const existing = samplePeople(60);
// The file: 40 kept (20 of them with a new phone), 20 left out (deleted), 40 new → 100 writes.
const kept = existing.slice(0, 40).map((person, index) => ({
  firstName: person.firstName as string,
  lastName: person.lastName as string,
  email: person.email as string,
  phone: index < 20 ? `+1-555-01${String(index).padStart(2, "0")}` : "",
}));
const added = Array.from({ length: 40 }, (_, index) => ({
  firstName: "New",
  lastName: `Person ${index}`,
  email: `new.person.${index}@example.com`,
  phone: `+1-555-02${String(index).padStart(2, "0")}`,
}));
const wanted = [...kept, ...added];
const writesPlanned = 20 + 20 + 40;

let directory: string;
let csvPath: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "engagifii-sync-"));
  csvPath = join(directory, "contacts.csv");
  const lines = ["firstName,lastName,email,phone", ...wanted.map((row) => Object.values(row).join(","))];
  await writeFile(csvPath, `${lines.join("\n")}\n`);
});
afterAll(() => rm(directory, { recursive: true, force: true }));

it(`survives ${runs} kills at random points of apply: the API equals the file, no duplicates, no key sent twice`, async () => {
  const random = seededRandom(seed);
  for (let run = 0; run < runs; run++) {
    const killAt = 1 + Math.floor(random() * writesPlanned);
    let writes = 0;
    let child: ChildProcess | undefined;
    const server = await startFakeCrmServer(document, {
      seed: { [peoplePath]: existing },
      onRequest: (method) => {
        if (method !== "GET" && ++writes === killAt) child?.kill("SIGKILL");
      },
    });
    try {
      const env = fakeEnvironment(server.url, directory);
      const args = ["sync", "people", csvPath, "--match", "email", "--delete-missing"];
      child = startBinary(args, { env });
      const killed = await finished(child);
      expect(killed.signal, `run ${run} (seed ${seed}, kill at write ${killAt})`).toBe("SIGKILL");
      await delay(20); // let the fake finish reading what reached its sockets before the child died
      const rerun = await runBinary(args, { env });
      expect(rerun.code, `run ${run}: ${rerun.stderr}`).toBe(0);
      expect(existsSync(`${csvPath}.sync-checkpoint.jsonl`)).toBe(false);

      const records = server.records(peoplePath);
      const emails = records.map((record) => record.email);
      expect(new Set(emails).size, `run ${run}: duplicates`).toBe(emails.length);
      const byEmail = new Map(records.map((record) => [record.email, record]));
      expect(records).toHaveLength(wanted.length);
      for (const row of wanted) {
        expect(byEmail.get(row.email), `run ${run}: ${row.email}`).toMatchObject({
          firstName: row.firstName,
          lastName: row.lastName,
          phone: row.phone === "" ? null : row.phone,
        });
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
    seed: { [peoplePath]: existing },
    onRequest: (method) => {
      if (method !== "GET" && ++writes === 10) child?.kill("SIGINT");
    },
  });
  try {
    const env = fakeEnvironment(server.url, directory);
    const args = ["sync", "people", csvPath, "--match", "email", "--delete-missing", "--concurrency", "1"];
    child = startBinary(args, { env });
    const interrupted = await finished(child);
    expect(interrupted.code, interrupted.stderr).toBe(130);
    expect(interrupted.stdout).toMatch(/^interrupted: .* 0 failed$/m);
    expect(interrupted.stdout).toContain("writes not sent; run the same command again to finish");
    expect(existsSync(`${csvPath}.sync-checkpoint.jsonl`)).toBe(true);
    const rerun = await runBinary(args, { env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(server.records(peoplePath)).toHaveLength(wanted.length);
    expect([...server.idempotencyKeys.values()].every((count) => count === 1)).toBe(true);
    expect(server.idempotencyKeys.size).toBe(writesPlanned);
  } finally {
    await server.stop();
  }
});
