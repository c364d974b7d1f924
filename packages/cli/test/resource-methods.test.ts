// The map's other methods as commands (`organizations add-person`, `committees members`, …), run as
// the built binary against the `--mock` sandbox (started once here, so records last across commands).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedMock, mockCredentials, samplePeople, startEmbeddedMock } from "../src/mock/embedded-mock.js";
import { startFakeCrmServer } from "./fake-crm-server.js";
import { document, fakeEnvironment, runBinary } from "./run-binary.js";

const people = samplePeople();
const personId = (index: number) => people[index]?.id as string;
const board = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

let sandbox: EmbeddedMock;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await startEmbeddedMock(document, undefined);
  home = await mkdtemp(join(tmpdir(), "engagifii-methods-"));
  env = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    NO_COLOR: "1",
    ENGAGIFII_BASE_URL: sandbox.url,
    ENGAGIFII_TOKEN_URL: sandbox.tokenUrl,
    ENGAGIFII_TENANT_CODE: mockCredentials.tenantCode,
    ENGAGIFII_CLIENT_ID: mockCredentials.clientId,
    ENGAGIFII_CLIENT_SECRET: mockCredentials.clientSecret,
  };
});
afterAll(async () => {
  await sandbox.stop();
  await rm(home, { recursive: true, force: true });
});

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe("organizations add-person, people, remove-person", () => {
  it("add-person then people shows the person, every page of them; remove-person takes them out", async () => {
    const added = [3, 0, 7, 5, 1].map(personId);
    for (const id of added) {
      const result = await runBinary(["organizations", "add-person", "org-engineering", id], { env });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`done: PUT /api/v1/organizations/org-engineering/people/${id}\n`);
    }
    // Five members in pages of two: three pages, streamed one after the other.
    const listed = await runBinary(["organizations", "people", "org-engineering", "--page-size", "2"], { env });
    expect(listed.code).toBe(0);
    const members = jsonLines(listed.stdout);
    expect(members.map((person) => person.id).sort()).toEqual([...added].sort());
    expect(members.find((person) => person.id === personId(7))).toMatchObject({ email: people[7]?.email });

    const removed = await runBinary(["organizations", "remove-person", "org-engineering", personId(7)], { env });
    expect(removed.code).toBe(0);
    const csv = await runBinary(["organizations", "people", "org-engineering", "--format", "csv", "--page-size", "3"], {
      env,
    });
    const [header, ...rows] = csv.stdout.trim().split("\n");
    expect(header).toBe("id,firstName,lastName,email,phone,organizationId,createdDate,isActive");
    expect(rows.map((row) => row.split(",")[0]).sort()).toEqual(added.filter((id) => id !== personId(7)).sort());
    expect((await runBinary(["organizations", "people", "org-acme", "--format", "json"], { env })).stdout).toBe(
      "[\n]\n",
    );
  });

  it("a missing or empty path argument is a usage error naming it (exit 2)", async () => {
    const result = await runBinary(["organizations", "add-person", "org-engineering"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("missing required argument 'personId'");
    const empty = await runBinary(["organizations", "add-person", "org-engineering", " "], { env });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe("engagifii: <personId> is empty\nhint: pass the personId to add-person\n");
  });

  it("an unknown organization is the API's 404: one line, a hint, exit 1", async () => {
    const result = await runBinary(["organizations", "add-person", "org-missing", personId(0)], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^engagifii: NotFoundError: PUT .*org-missing.* found nothing\nhint: check the id\n$/,
    );
  });

  it("query parameters are options: iterate --parent-id", async () => {
    const result = await runBinary(["organizations", "iterate", "--parent-id", "org-acme"], { env });
    expect(jsonLines(result.stdout).map((organization) => organization.id)).toEqual(["org-engineering"]);
  });
});

describe("committees add-member, members, remove-member", () => {
  it("takes the body from --data, @file and stdin (-f merged over it), and lists the members", async () => {
    const file = join(home, "member.json");
    await writeFile(file, JSON.stringify({ personId: personId(2), position: "Secretary", startDate: "2024-03-01" }));
    const inline = JSON.stringify({ personId: personId(1), position: "Chairman", startDate: "2024-01-01" });
    const fromFlag = await runBinary(["committees", "add-member", board, "--data", inline], { env });
    expect(fromFlag.code).toBe(0);
    expect(JSON.parse(fromFlag.stdout)).toMatchObject({
      committeeId: board,
      personId: personId(1),
      position: "Chairman",
    });
    expect((await runBinary(["committees", "add-member", board, "--data", `@${file}`], { env })).code).toBe(0);
    const fromStdin = await runBinary(["committees", "add-member", board, "--data", "-", "-f", "position=Treasurer"], {
      env,
      input: JSON.stringify({ personId: personId(4), position: "Member", startDate: "2024-02-01" }),
    });
    expect(fromStdin.code).toBe(0);

    const listed = await runBinary(["committees", "members", board, "--page-size", "1"], { env });
    expect(
      jsonLines(listed.stdout)
        .map((member) => `${member.personId} ${member.position}`)
        .sort(),
    ).toEqual([`${personId(1)} Chairman`, `${personId(2)} Secretary`, `${personId(4)} Treasurer`].sort());
    expect((await runBinary(["committees", "remove-member", board, personId(2)], { env })).code).toBe(0);
    const after = await runBinary(["committees", "members", board], { env });
    expect(jsonLines(after.stdout).map((member) => member.personId)).not.toContain(personId(2));
  });

  it("a write without the body it needs is a usage error (exit 2) with a hint", async () => {
    const result = await runBinary(["committees", "add-member", board], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "engagifii: add-member needs a body\nhint: pass --data '{…}', --data @file.json, --data - (stdin), or -f key=value\n",
    );
  });

  it("--help shows the operation's summary, the arguments in path order and an example", async () => {
    const result = await runBinary(["committees", "remove-member", "--help"], { env });
    expect(result.stdout).toContain("Usage: engagifii committees remove-member [options] <committeeId> <personId>");
    expect(result.stdout).toContain("Remove a member from a committee");
    expect(result.stdout).toContain("--idempotency-key <key>");
    expect(result.stdout).toContain("$ engagifii committees remove-member <committeeId> <personId>");
  });
});

it("create and update take --data as well, with -f merged over it", async () => {
  const created = await runBinary(
    ["people", "create", "--data", '{"firstName":"Dee","lastName":"Data"}', "-f", "email=dee@example.com", "--json"],
    { env },
  );
  expect(created.code).toBe(0);
  const { id } = JSON.parse(created.stdout) as { id: string };
  const updated = await runBinary(["people", "update", id, "--data", "-", "--json"], {
    env,
    input: '{"phone":"+1-555-0142"}',
  });
  expect(JSON.parse(updated.stdout)).toMatchObject({ id, email: "dee@example.com", phone: "+1-555-0142" });
});

describe("with --mock, the one command's sandbox", () => {
  it("people iterate streams all 120 sample people as CSV, page after page", async () => {
    const result = await runBinary(["--mock", "people", "iterate", "--page-size", "7", "--format", "csv"], {
      env: { PATH: env.PATH ?? "", HOME: home },
    });
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trim().split("\n");
    expect(header?.split(",").slice(0, 4)).toEqual(["id", "firstName", "lastName", "email"]);
    expect(rows.map((row) => row.split(",")[3])).toEqual(people.map((person) => person.email));
  });
});

it("--idempotency-key goes with the write, so a retried add-member is done at most once", async () => {
  const server = await startFakeCrmServer(document);
  try {
    const fakeEnv = fakeEnvironment(server.url, home);
    const args = ["committees", "add-member", board, "-f", `personId=${personId(0)}`, "--idempotency-key", "k-42"];
    const first = await runBinary(args, { env: fakeEnv });
    const second = await runBinary(args, { env: fakeEnv });
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
    expect(server.idempotencyKeys.get("k-42")).toBe(2);
    expect(server.records(`/api/v1/committees/${board}/members`)).toHaveLength(1);
  } finally {
    await server.stop();
  }
});
