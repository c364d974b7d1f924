import { type PagedOperationMetadata, pagedOperations } from "@engagifii/crm-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createCrmClient,
  metadataStrategy,
  type PaginateOptions,
  PaginationError,
  pagingListStrategy,
} from "../src/index.js";
import { fakeApi, options, person } from "./fake-api.js";
import { HeldRequests } from "./held-requests.js";
import { type Item, type ListServerOptions, listServer, pageIndexShape, pagingListShape } from "./paged-list-server.js";

// Runtime tests of the paginator on the shapes themselves, at paths of their own: a spec swap leaves them valid.
const shapes = { "GET pageIndex": pageIndexShape, "POST PagingList": pagingListShape };

function pageThrough(
  shape: typeof pageIndexShape,
  count: number,
  server: ListServerOptions = {},
  size = 10,
  paginateOptions: PaginateOptions = {},
) {
  const api = listServer(shape, count, server);
  const init = shape.location === "body" ? { body: { itemCount: size } } : { params: { query: { pageSize: size } } };
  const paginator = createCrmClient(options(api.fetch)).paginateWith(
    metadataStrategy<Item>(shape),
    "/fixture/list",
    init,
    paginateOptions,
  );
  return { api, paginator };
}

const ids = (items: Item[]) => items.map((item) => Number(item.lastName));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe.each(Object.entries(shapes))("pagination of %s", (_name, shape) => {
  it("yields all 1,234 items once, in order, and stops at totalCount", async () => {
    const { api, paginator } = pageThrough(shape, 1234, {}, 100);
    expect(ids(await paginator.toArray())).toEqual(range(0, 1234));
    expect(api.apiRequests()).toHaveLength(13);
  });

  it("trusts the server's page size when it caps pages below what was asked", async () => {
    const { paginator } = pageThrough(shape, 10, { cap: 3 }, 10);
    expect(ids(await paginator.toArray())).toEqual(range(0, 10));
  });

  it("trusts what the server served when it reports the size asked but caps", async () => {
    const { paginator } = pageThrough(shape, 10, { cap: 3, reports: "asked" }, 10);
    expect(ids(await paginator.toArray())).toEqual(range(0, 10));
  });

  it("reads a short page again, and goes on when the second read is whole", async () => {
    const { api, paginator } = pageThrough(shape, 25, { tamper: (request, page) => (request === 2 ? [] : page) });
    expect(ids(await paginator.toArray())).toEqual(range(0, 25));
    expect(api.apiRequests()).toHaveLength(4);
  });

  it("throws a PaginationError for a page that stays short before totalCount, never ends silently", async () => {
    const { paginator } = pageThrough(shape, 25, {
      tamper: (request, page) => (request >= 2 ? page.slice(0, 4) : page),
    });
    await expect(paginator.toArray()).rejects.toThrow(/page 1 held 4 items twice.*promise 10/);
  });

  it("throws a PaginationError for an empty first page of a list that is not empty", async () => {
    const { paginator } = pageThrough(shape, 5, { tamper: () => [] });
    await expect(paginator.toArray()).rejects.toThrow(PaginationError);
  });

  it("throws a PaginationError, not a TypeError, for a null items array", async () => {
    const { paginator } = pageThrough(shape, 5, { tamper: () => null });
    await expect(paginator.toArray()).rejects.toThrow(new RegExp(`\`${shape.itemsField}\` array, got null`));
  });

  it("yields every record that exists for the whole run once when records are deleted while paging", async () => {
    // After two pages, records 3 and 12 go: without a re-read, record 20 would move onto page 1 and be skipped.
    const { paginator } = pageThrough(shape, 35, {
      beforePage: (request, items) => {
        if (request === 3) items.splice(12, 1) && items.splice(3, 1);
      },
    });
    const result = ids(await paginator.toArray());
    expect(result.filter((id) => id !== 3 && id !== 12).sort((a, b) => a - b)).toEqual(
      range(0, 35).filter((id) => id !== 3 && id !== 12),
    );
    expect(new Set(result).size).toBe(result.length);
  });

  it("drops the repeats that records added while paging push onto later pages", async () => {
    const { paginator } = pageThrough(shape, 30, {
      beforePage: (request, items) => {
        if (request === 2) items.unshift(person(100), person(101));
      },
    });
    const result = ids(await paginator.toArray());
    expect(new Set(result).size).toBe(result.length);
    expect(result.filter((id) => id < 100)).toEqual(range(0, 30));
  });

  it("throws a PaginationError when the list changes and itemKey is false", async () => {
    const removeOne = (request: number, items: Item[]) => {
      if (request === 2) items.pop();
    };
    const { paginator } = pageThrough(shape, 30, { beforePage: removeOne }, 10, { itemKey: false });
    await expect(paginator.toArray()).rejects.toThrow(/itemKey is false/);
  });

  it("throws a PaginationError when the list keeps changing", async () => {
    const { paginator } = pageThrough(shape, 100, { beforePage: (_request, items) => void items.pop() });
    await expect(paginator.toArray()).rejects.toThrow(/removed 6 times/);
  });

  it("keeps every item exactly once under any single-step additions or deletions (property)", async () => {
    const change = fc.record({
      request: fc.integer({ min: 1, max: 8 }),
      kind: fc.constantFrom("delete", "add"),
      at: fc.nat(),
      count: fc.integer({ min: 1, max: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 3 }),
        fc.uniqueArray(change, { selector: (step) => step.request, maxLength: 4 }),
        async (count, size, concurrency, changes) => {
          const removed = new Set<number>();
          let added = 1000;
          const { paginator } = pageThrough(
            shape,
            count,
            {
              beforePage: (request, items) => {
                const step = changes.find((candidate) => candidate.request === request);
                if (!step) return;
                const at = items.length === 0 ? 0 : step.at % items.length;
                if (step.kind === "delete")
                  for (const item of items.splice(at, step.count)) removed.add(Number(item.lastName));
                else items.splice(at, 0, ...Array.from({ length: step.count }, () => person(added++)));
              },
            },
            size,
            { concurrency },
          );
          try {
            const result = ids(await paginator.toArray());
            expect(new Set(result).size).toBe(result.length);
            const survivors = range(0, count).filter((id) => !removed.has(id));
            expect(result.filter((id) => id < 1000 && !removed.has(id))).toEqual(survivors);
          } catch (error) {
            expect(error).toBeInstanceOf(PaginationError);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("pagination", () => {
  it("crm.paginate pages every paged operation of the document with its own shape", async () => {
    for (const [path, shape] of Object.entries(pagedOperations as Record<string, PagedOperationMetadata>)) {
      const api = fakeApi(() => Response.json({ [shape.itemsField]: [], [shape.totalField]: 0 }));
      const pathParameters = Object.fromEntries([...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name, "1"]));
      const paginate = createCrmClient(options(api.fetch)).paginate as (
        path: string,
        init: unknown,
      ) => { toArray(): Promise<unknown[]> };
      expect(await paginate(path, { params: { path: pathParameters } }).toArray()).toEqual([]);
      const [request] = api.apiRequests();
      expect(request?.method).toBe(shape.method.toUpperCase());
      const sent =
        shape.location === "body"
          ? JSON.parse(request?.body ?? "{}")
          : Object.fromEntries(new URL(request?.url ?? "").searchParams);
      expect(Number(sent[shape.pageField])).toBe(shape.firstPage);
    }
  });

  it("crm.paginate refuses a path the document does not page", () => {
    const crm = createCrmClient(options(fakeApi(() => Response.json({})).fetch));
    expect(() => (crm.paginate as (path: string) => unknown)("/not/paged")).toThrow(/not a paged operation/);
  });

  it("stops at a short page when the total is missing, and at an empty page", async () => {
    const api = fakeApi((request) => {
      const pageIndex = Number(new URL(request.url).searchParams.get("pageIndex"));
      const data = pageIndex === 0 ? [person(0), person(1)] : pageIndex === 1 ? [person(2)] : [];
      return Response.json({ data, pageIndex, pageSize: 2 });
    });
    const shape = { ...pageIndexShape, totalField: "absent" };
    const items = await createCrmClient(options(api.fetch)).paginateWith(metadataStrategy<Item>(shape), "/x").toArray();
    expect(ids(items)).toEqual([0, 1, 2]);
    expect(api.apiRequests()).toHaveLength(2);
  });

  it("raises a clear error when the server ignores the page position, instead of looping", async () => {
    const api = fakeApi(() => Response.json({ data: [person(0), person(1)], totalCount: 10, pageSize: 2 }));
    const paginator = createCrmClient(options(api.fetch)).paginateWith(metadataStrategy<Item>(pageIndexShape), "/x");
    await expect(paginator.toArray()).rejects.toThrow(/ignore the page position/);
    expect(api.apiRequests().length).toBeLessThanOrEqual(2);
  });

  it("prefetches pages with concurrency and still yields in order", async () => {
    const inner = listServer(pageIndexShape, 95);
    const held = new HeldRequests<number>();
    const api = fakeApi(async (request) => {
      await held.hold(Number(new URL(request.url).searchParams.get("pageIndex")));
      return inner.fetch(new Request(request.url, { headers: request.headers }));
    });
    const items = createCrmClient(options(api.fetch))
      .paginateWith(
        metadataStrategy<Item>(pageIndexShape),
        "/x",
        { params: { query: { pageSize: 10 } } },
        { concurrency: 4 },
      )
      .toArray();
    // The pages in flight together are answered last page first.
    const mostInFlight = await held.releaseUntilIdle((a, b) => b - a);
    expect(ids(await items)).toEqual(range(0, 95));
    expect(mostInFlight).toBe(4);
    expect(api.apiRequests()).toHaveLength(10);
  });

  it("keeps pagingListStrategy for paginateWith, and retries a PagingList POST (reading is safe to repeat)", async () => {
    const api = fakeApi((_request, attempt) =>
      attempt === 1
        ? new Response("", { status: 503, headers: { "retry-after-ms": "1" } })
        : Response.json({ result: [person(0)], totalCount: 1, itemCount: 1 }),
    );
    const items = await createCrmClient(options(api.fetch))
      .paginateWith(pagingListStrategy(), "/x/PagingList")
      .toArray();
    expect(items).toHaveLength(1);
    expect(api.apiRequests()).toHaveLength(2);
    expect(JSON.parse(api.apiRequests()[1]?.body ?? "")).toMatchObject({ pageNumber: 1, itemCount: 100 });
  });
});
