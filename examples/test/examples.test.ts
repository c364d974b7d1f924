// Each guide pattern in src/ run once, in process, against one mock server. The mock answers from the spec's
// examples and stores nothing, so the assertions check what each example does with those answers.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { type CrmClient, createCrmClient } from "@engagifii/crm-client";
import { type MockServer, startMockServer } from "@engagifii/crm-mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkExport } from "../src/bulk-export.js";
import { setUpCommittee } from "../src/committees.js";
import { mockClientOptions } from "../src/connect.js";
import { createHierarchy, formatTree } from "../src/organization-hierarchy.js";
import { SAMPLE_CONTACTS, syncContacts } from "../src/sync-contacts.js";

let mock: MockServer;
let crm: CrmClient;
let work: string;
/** Every request the client sent: `METHOD /path?query idempotency-key`. */
const requests: string[] = [];

beforeAll(async () => {
  mock = await startMockServer();
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

describe("examples against the mock server", () => {
  it("sync-contacts updates what differs, leaves what matches, and creates the rest with an idempotency key", async () => {
    requests.length = 0;
    const report = await syncContacts(crm, SAMPLE_CONTACTS);
    // The mock lists John Doe and Jane Smith. John matches exactly; Jane's phone differs (her email differs only
    // in case); Ada is new, so she is created (the mock answers every create with its Jane Smith example).
    expect(report.unchanged.map(({ email }) => email)).toEqual(["john.doe@example.com"]);
    expect(report.updated).toHaveLength(1);
    expect(report.created).toHaveLength(1);
    const writes = requests.filter((request) => !request.startsWith("GET ") && !request.startsWith("POST /oauth/"));
    expect(writes).toEqual([
      "PUT /api/v1/people/5b3f8a2c-9d4e-4f61-8a7b-2c1d0e9f8a76",
      expect.stringMatching(/^POST \/api\/v1\/people sync-contacts-[0-9a-f]{32}$/),
    ]);
  });

  it("organization-hierarchy creates a company and its departments and prints the tree", async () => {
    const { parent, children, tree } = await createHierarchy(crm, "Acme Corporation", ["Engineering", "Finance"]);
    expect(parent.id).toBeTruthy();
    expect(children).toHaveLength(2);
    expect(formatTree(tree)).toEqual(["Acme Corporation (Company)", "  Engineering Department (Department)"]);
  });

  it("committees creates a committee, adds members and lists them", async () => {
    requests.length = 0;
    const personId = "5b3f8a2c-9d4e-4f61-8a7b-2c1d0e9f8a76";
    const { committee, added, members } = await setUpCommittee(crm, "Finance Committee", [
      { personId, position: "Chair", startDate: "2025-01-01" },
    ]);
    expect(committee.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(added).toHaveLength(1);
    expect(members).toEqual([expect.objectContaining({ committeeId: committee.id, personId })]);
    expect(requests).toContainEqual(
      `POST /api/v1/committees/${committee.id}/members committee-member-${committee.id}-${personId}-2025-01-01`,
    );
  });

  it.for(["csv", "jsonl"] as const)("bulk-export writes every person as %s, with progress", async (format) => {
    const file = join(work, `people.${format}`);
    const progress = new PassThrough();
    let drawn = "";
    progress.on("data", (chunk: Buffer) => {
      drawn += chunk.toString();
    });
    const result = await bulkExport(crm, { out: file, progress });
    expect(result).toEqual({ format, count: 2, total: 2 });
    const lines = (await readFile(file, "utf8")).trimEnd().split("\n");
    if (format === "csv") {
      expect(lines).toEqual([
        "id,firstName,lastName,email,phone,organizationId,isActive,createdDate",
        "123e4567-e89b-12d3-a456-426614174000,John,Doe,john.doe@example.com,+1-555-123-4567,org-123,true,2024-01-15T10:30:00Z",
        "5b3f8a2c-9d4e-4f61-8a7b-2c1d0e9f8a76,Jane,Smith,jane.smith.updated@example.com,+1-555-987-6543,org-engineering,true,2024-02-01T09:15:00Z",
      ]);
    } else {
      expect(lines.map((line) => JSON.parse(line).email)).toEqual([
        "john.doe@example.com",
        "jane.smith.updated@example.com",
      ]);
    }
    expect(drawn).toContain("100% 2/2 people");
  });
});
