import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOperation } from "../src/document/operations.js";
import { objectFields, requestBodySchema } from "../src/document/schemas.js";
import { buildPlan } from "../src/sync/plan.js";
import { readRows } from "../src/sync/read-rows.js";
import { guideDocument as document } from "./guide-document.js";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "engagifii-rows-"));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, content);
  return path;
}

describe("readRows on a spreadsheet export", () => {
  // A BOM, CRLF line ends, a quoted comma, an escaped quote, an empty line, a quoted line break,
  // and two emails that differ only in case.
  const csv = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(
      'firstName,lastName,email\r\n"Smith, Jr.",Jane,jane@example.com\r\n\r\nBob,"Jones ""B""",BOB@Example.com\r\n' +
        'Robert,Jones,bob@example.com\r\n"Two\r\nLines",X,two@example.com\r\nNo,Email,\r\n',
    ),
  ]);

  it("reads the values and numbers each row by the line it starts on", async () => {
    const rows = await readRows(await file("contacts.csv", csv));
    expect(rows).toEqual([
      { line: 2, values: { firstName: "Smith, Jr.", lastName: "Jane", email: "jane@example.com" } },
      { line: 4, values: { firstName: "Bob", lastName: 'Jones "B"', email: "BOB@Example.com" } },
      { line: 5, values: { firstName: "Robert", lastName: "Jones", email: "bob@example.com" } },
      { line: 6, values: { firstName: "Two\r\nLines", lastName: "X", email: "two@example.com" } },
      { line: 8, values: { firstName: "No", lastName: "Email", email: "" } },
    ]);
  });

  it("plans the case-insensitive duplicates and the missing email as conflicts, with their lines", async () => {
    const fields = objectFields(document, requestBodySchema(document, findOperation(document, "createPerson")));
    const rows = await readRows(await file("plan.csv", csv));
    const plan = buildPlan(rows, [], { match: "email", fields, ignoredColumns: new Set(), deleteMissing: false });
    expect(plan.conflicts.map(({ lines, reason }) => ({ lines, reason }))).toEqual([
      { lines: [4, 5], reason: "duplicate email bob@example.com" },
      { lines: [8], reason: "email is missing" },
    ]);
    expect(plan.writes.map((write) => write.kind === "create" && write.body.firstName)).toEqual([
      "Smith, Jr.",
      "Two\r\nLines",
    ]);
  });

  it("names the problem of a bad file in one line", async () => {
    await expect(readRows(join(directory, "absent.csv"))).rejects.toThrow(/absent\.csv does not exist/);
    await expect(readRows(await file("people.txt", "x"))).rejects.toThrow(/unknown file type ".txt"/);
    await expect(readRows(await file("ragged.csv", "a,b\n1,2,3\n"))).rejects.toThrow(/cannot read .*ragged\.csv/);
    await expect(readRows(await file("twice.csv", "email,email\nx,y\n"))).rejects.toThrow(/"email" twice/);
    await expect(readRows(await file("bad.jsonl", '{"a":1}\n[1]\n'))).rejects.toThrow(/line 2 is not a JSON object/);
  });
});
