// Each guide pattern in src/ run in process against the stateful sandbox of whatever document specs/ holds (its
// examples, or records generated from its schemas when it has none). Each test has a tenant of its own, which starts
// from the seed, and reads what the sandbox holds before the example runs: the expectations follow the data and the
// document's operations, and name neither.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { type CrmClient, createCrmClient, type OrganizationNode, type Person } from "@engagifii/crm-client";
import { type MockServer, startMockServer } from "@engagifii/crm-mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkExport } from "../src/bulk-export.js";
import { setUpCommittee } from "../src/committees.js";
import { mockClientOptions } from "../src/connect.js";
import { createHierarchy, formatTree } from "../src/organization-hierarchy.js";
import { idOf } from "../src/record-id.js";
import { type Contact, syncContacts } from "../src/sync-contacts.js";
import { parseCsv } from "./csv.js";
import { isWrite } from "./document-requests.js";

let mock: MockServer;
let crm: CrmClient;
let work: string;
/** Every request the client sent: `METHOD /path?query idempotency-key`. */
const requests: string[] = [];
/** The requests that change data: neither the token request nor a read (a GET, or a POST that lists a page). */
const writes = () => requests.filter((request) => isWrite(request, mock.url));

beforeAll(async () => {
  mock = await startMockServer({ stateful: true });
  crm = createCrmClient({
    ...mockClientOptions(mock.url),
    fetch: (request) => {
      const url = new URL(request.url);
      const key = request.headers.get("idempotency-key");
      requests.push(`${request.method} ${url.pathname}${url.search}${key ? ` ${key}` : ""}`);
      return fetch(request);
    },
  });
  work = await mkdtemp(join(tmpdir(), "engagifii-examples-"));
});

afterAll(async () => {
  await mock?.stop();
  await rm(work, { recursive: true, force: true });
});

/** A person the sandbox holds with what a Contact needs. */
type Named = Person & { id: string; firstName: string; lastName: string; email: string };

function isNamed(person: Person): person is Named {
  return [person.id, person.firstName, person.lastName, person.email].every((field) => typeof field === "string");
}

function countNodes<T>(nodes: OrganizationNode<T>[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countNodes(node.children), 0);
}

describe("examples against the stateful sandbox", () => {
  it("sync-contacts updates what differs, leaves what matches, creates the rest with an idempotency key, and changes nothing when run again", async () => {
    const tenant = crm.withTenant("sync");
    const held = (await tenant.people.iterate().toArray()).filter(isNamed);
    const [same, changed] = held;
    if (!same || !changed) throw new Error("the sandbox's seed needs two people with names and an email");
    const newEmail = "ada.lovelace@example.com";
    const newPhone = "+1-555-000-1111";
    expect(held.map(({ email }) => email.toLowerCase())).not.toContain(newEmail);
    expect(changed.phone).not.toBe(newPhone);
    const contacts: Contact[] = [
      // The same person; the email differs only in case, which is no change.
      { firstName: same.firstName, lastName: same.lastName, email: same.email.toUpperCase() },
      { firstName: changed.firstName, lastName: changed.lastName, email: changed.email, phone: newPhone },
      { firstName: "Ada", lastName: "Lovelace", email: newEmail },
    ];

    requests.length = 0;
    const report = await syncContacts(tenant, contacts);
    expect(report.unchanged.map(({ id }) => id)).toEqual([same.id]);
    expect(report.updated).toEqual([expect.objectContaining({ id: changed.id, phone: newPhone })]);
    expect(report.created).toEqual([expect.objectContaining({ email: newEmail, firstName: "Ada" })]);
    expect(writes()).toEqual([
      expect.stringMatching(new RegExp(`^PUT \\S*/${changed.id}$`)),
      expect.stringMatching(/^POST \S+ sync-contacts-[0-9a-f]{32}$/),
    ]);

    // The CRM now matches the list: a second run finds every contact unchanged and writes nothing.
    requests.length = 0;
    const again = await syncContacts(tenant, contacts);
    expect(again.unchanged.map(({ email }) => email?.toLowerCase())).toEqual(
      contacts.map(({ email }) => email.toLowerCase()),
    );
    expect([again.created, again.updated]).toEqual([[], []]);
    expect(writes()).toEqual([]);
  });

  it("organization-hierarchy creates a company and its departments and builds the tree of every organization", async () => {
    const tenant = crm.withTenant("hierarchy");
    const { parent, children, tree } = await createHierarchy(tenant, "Acme Corporation", ["Engineering", "Finance"]);
    expect(children.map(({ parentId }) => parentId)).toEqual([parent.id, parent.id]);
    const branch = tree.filter((node) => node.id === parent.id);
    expect(formatTree(branch)).toEqual([
      "Acme Corporation (Company)",
      "  Engineering Department (Department)",
      "  Finance Department (Department)",
    ]);
    // Every organization the sandbox holds, the seed's and these three, is in the forest once.
    const held = await tenant.organizations.iterate().toArray();
    expect(countNodes(tree)).toBe(held.length);
  });

  it("committees creates a committee, adds members and lists them", async () => {
    const tenant = crm.withTenant("committees");
    const [person] = await tenant.people.iterate(undefined, { pageSize: 1 }).toArray({ max: 1 });
    const personId = idOf(person ?? {}, "a person");
    const membership = { personId, position: "Chair", startDate: "2025-01-01" };
    requests.length = 0;
    const { committee, added, members } = await setUpCommittee(tenant, "Finance Committee", [membership]);
    expect(committee).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: "Finance Committee" });
    expect(added).toEqual([expect.objectContaining(membership)]);
    expect(members).toEqual([expect.objectContaining(membership)]);
    const key = `committee-member-${committee.id}-${personId}-2025-01-01`;
    expect(writes()).toContainEqual(expect.stringMatching(new RegExp(`^POST \\S*/${committee.id}/\\S* ${key}$`)));
  });

  it.for(["csv", "jsonl"] as const)("bulk-export writes every person as %s, with progress", async (format) => {
    const tenant = crm.withTenant(`export-${format}`);
    // A person whose fields a CSV must quote.
    await tenant.people.create({ firstName: 'Ann "Annie"', lastName: "Lee, Jr.", email: "ann.lee@example.com" });
    const people = await tenant.people.iterate().toArray();
    const file = join(work, `people.${format}`);
    const progress = new PassThrough();
    let drawn = "";
    progress.on("data", (chunk: Buffer) => {
      drawn += chunk.toString();
    });
    const result = await bulkExport(tenant, { out: file, progress });
    expect(result).toEqual({ format, count: people.length, total: people.length });
    const text = await readFile(file, "utf8");
    if (format === "csv") {
      const [header, ...rows] = parseCsv(text);
      // The default columns: our guide's person fields, whichever the document's person has.
      expect(header).toEqual([
        "id",
        "firstName",
        "lastName",
        "email",
        "phone",
        "organizationId",
        "isActive",
        "createdDate",
      ]);
      const fields = (person: Person): Record<string, unknown> => ({ ...person });
      expect(rows).toEqual(
        people.map((person) => (header ?? []).map((column) => String(fields(person)[column] ?? ""))),
      );
      expect(text).toContain('"Ann ""Annie""","Lee, Jr."');
    } else {
      const lines = text.trimEnd().split("\n");
      expect(lines.map((line) => JSON.parse(line))).toEqual(people);
    }
    expect(drawn).toContain(`100% ${people.length}/${people.length} people`);
  });
});
