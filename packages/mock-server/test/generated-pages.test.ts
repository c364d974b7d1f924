// Documents without examples, in both modes: the stateless mock pages over one fixed, seeded
// dataset per paged operation (`totalCount` and the pages agree, page n of size k holds items
// n*k…), and the stateful sandbox starts from generated records; for both paging shapes: the
// live-shaped fixtures' POST …/PagingList and our guide's document's GET ?pageIndex&pageSize (a frozen copy).
import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer } from "../src/index.js";
import { apiHeaders, guideSpec, liveShapedOpenApi3, liveShapedSwagger2, withoutExamples } from "./helpers.js";

type Item = Record<string, unknown>;
type Lister = (url: string, headers: Record<string, string>, page: number, size: number) => Promise<Item>;

// page is zero-based here; each shape turns it into its own request and reads its own envelope.
const pagingList: Lister = async (url, headers, page, size) => {
  const response = await fetch(`${url}/api/Person/PagingList`, {
    method: "POST",
    headers,
    body: JSON.stringify({ pageNumber: page + 1, itemCount: size }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Item;
};
const pageIndex: Lister = async (url, headers, page, size) => {
  const response = await fetch(`${url}/api/v1/people?pageIndex=${page}&pageSize=${size}`, { headers });
  expect(response.status).toBe(200);
  return (await response.json()) as Item;
};

let ourDocumentWithoutExamples: string;
beforeAll(async () => {
  ourDocumentWithoutExamples = await withoutExamples(guideSpec);
});
afterAll(() => rm(dirname(ourDocumentWithoutExamples), { recursive: true, force: true }));

const documents: Array<[string, () => string, Lister, string, string]> = [
  ["live-shaped OpenAPI 3", () => liveShapedOpenApi3, pagingList, "result", "/api/Person"],
  ["live-shaped Swagger 2", () => liveShapedSwagger2, pagingList, "result", "/api/Person"],
  ["our guide's document without its examples", () => ourDocumentWithoutExamples, pageIndex, "data", "/api/v1/people"],
];

async function everyPage(list: Lister, url: string, headers: Record<string, string>, itemsField: string) {
  const first = await list(url, headers, 0, 10);
  const total = Number(first.totalCount);
  const pages = [first];
  for (let page = 1; page * 10 < total; page++) pages.push(await list(url, headers, page, 10));
  return { total, pages, items: pages.flatMap((page) => page[itemsField] as Item[]) };
}

describe.each(documents)("%s", (_name, spec, list, itemsField, itemPath) => {
  it.each([false, true])("pages agree with totalCount (stateful: %s)", async (stateful) => {
    const mock = await startMockServer({ spec: spec(), stateful });
    try {
      const headers = await apiHeaders(mock.tokenUrl);
      const { total, pages, items } = await everyPage(list, mock.url, headers, itemsField);
      expect(total).toBe(25);
      expect(pages.map((page) => (page[itemsField] as Item[]).length)).toEqual([10, 10, 5]);
      expect(pages.every((page) => page.totalCount === 25)).toBe(true);
      expect(new Set(items.map((item) => item.id)).size).toBe(25);
      // Page n of size k holds items n*k…: the same items as one page of everything, in order.
      expect((await list(mock.url, headers, 0, 25))[itemsField]).toEqual(items);
      expect((await list(mock.url, headers, 2, 5))[itemsField]).toEqual(items.slice(10, 15));
      for (const item of items) {
        expect(String(item.firstName)).toMatch(/^[A-Z][a-z'-]+$/);
        expect(item.firstName).not.toBe("string");
      }
      if (stateful) {
        const one = await fetch(`${mock.url}${itemPath}/${items[7]?.id}`, { headers });
        expect(await one.json()).toEqual(items[7]);
      }
    } finally {
      await mock.stop();
    }
  });

  it("generates the same data on every start, and other data for another seed", async () => {
    const firstPage = async (seed?: string) => {
      const mock = await startMockServer({ spec: spec(), ...(seed === undefined ? {} : { seed }) });
      try {
        return (await list(mock.url, await apiHeaders(mock.tokenUrl), 0, 5))[itemsField];
      } finally {
        await mock.stop();
      }
    };
    const again = await firstPage();
    expect(await firstPage()).toEqual(again);
    expect(await firstPage("another seed")).not.toEqual(again);
  });
});

describe("a single record without an example", () => {
  it("is generated from the response schema, seeded by the operation", async () => {
    const mock = await startMockServer({ spec: liveShapedOpenApi3 });
    try {
      const headers = await apiHeaders(mock.tokenUrl);
      const get = () => fetch(`${mock.url}/api/Person/6f1c2a3b-0000-4000-8000-000000000001`, { headers });
      const response = await get();
      expect(response.status).toBe(200);
      const person = (await response.json()) as Item;
      expect(person).toMatchObject({ email: expect.stringMatching(/^[^@\s]+@[^@\s]+\.[a-z]+$/) });
      expect([0, 1, 2]).toContain(person.membershipStatus);
      expect(await (await get()).json()).toEqual(person);
    } finally {
      await mock.stop();
    }
  });
});
