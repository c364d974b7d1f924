// After the live document is swapped in, lists are `POST …/PagingList` with the page in the body
// and `{ result, totalCount, itemCount }` back. The export pages them from the metadata alone.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { exportFormat } from "../src/export/export-format.js";
import { runExport } from "../src/export/run-export.js";
import { pagingListClient, pagingListShape } from "./paging-list-api.js";

const people = Array.from({ length: 7 }, (_, index) => ({ id: `p-${index}`, firstName: `Person ${index}` }));

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "engagifii-paging-list-"));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

it("exports a POST …/PagingList list, the page number and size in the body, the items from `result`", async () => {
  const bodies: unknown[] = [];
  const crm = pagingListClient(people, ({ method, url, body }) => {
    expect(`${method} ${new URL(url).pathname}`).toBe("POST /api/Person/PagingList");
    bodies.push(body);
  });
  const outputPath = join(directory, "people.jsonl");
  const result = await runExport({
    crm,
    listPath: "/api/Person/PagingList",
    pagingShape: pagingListShape,
    resource: "people",
    formatName: "jsonl",
    format: exportFormat("jsonl", ["id", "firstName"]),
    outputPath,
    pageSize: 3,
    concurrency: 1,
    resume: false,
    progress: { update() {}, stop() {} },
    signal: new AbortController().signal,
  });
  expect(result).toEqual({ items: 7, pages: 3 });
  expect(bodies).toEqual([
    { itemCount: 3, pageNumber: 1 },
    { itemCount: 3, pageNumber: 2 },
    { itemCount: 3, pageNumber: 3 },
  ]);
  const lines = (await readFile(outputPath, "utf8")).trim().split("\n");
  expect(lines.map((line) => JSON.parse(line).id)).toEqual(people.map((person) => person.id));
});
