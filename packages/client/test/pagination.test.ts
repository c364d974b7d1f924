import { describe, expect, it } from "vitest";
import { createCrmClient, PaginationError, pagingListStrategy } from "../src/index.js";
import { fakeApi, options, page, person } from "./fake-api.js";

/** A server holding `total` people that pages them honestly. */
function peopleServer(total: number) {
  return fakeApi((request) => {
    const query = new URL(request.url).searchParams;
    const pageIndex = Number(query.get("pageIndex") ?? 0);
    const pageSize = Number(query.get("pageSize") ?? 50);
    const start = pageIndex * pageSize;
    const data = Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => person(start + i));
    return page(data, total, pageIndex, pageSize);
  });
}

describe("pagination", () => {
  it("yields all 1,234 items once, in order, with an odd last page", async () => {
    const api = peopleServer(1234);
    const crm = createCrmClient(options(api.fetch));
    const ids: string[] = [];
    for await (const item of crm.paginate("/api/v1/people", { params: { query: { pageSize: 100 } } }))
      ids.push(item.id);
    expect(ids).toHaveLength(1234);
    expect(new Set(ids).size).toBe(1234);
    expect(ids[1233]).toBe(person(1233).id);
    expect(api.apiRequests()).toHaveLength(13); // stops at totalCount: no extra empty page
  });

  it("offers pages() and toArray({ max })", async () => {
    const crm = createCrmClient(options(peopleServer(250).fetch));
    const sizes: number[] = [];
    for await (const items of crm.paginate("/api/v1/people", { params: { query: { pageSize: 100 } } }).pages())
      sizes.push(items.length);
    expect(sizes).toEqual([100, 100, 50]);
    const first = await crm.paginate("/api/v1/people", { params: { query: { pageSize: 100 } } }).toArray({ max: 120 });
    expect(first).toHaveLength(120);
  });

  it("stops at a short page when the total is missing, and at an empty page", async () => {
    const api = fakeApi((request) => {
      const pageIndex = Number(new URL(request.url).searchParams.get("pageIndex"));
      const data = pageIndex === 0 ? [person(0), person(1)] : pageIndex === 1 ? [person(2)] : [];
      return Response.json({ data, pageIndex, pageSize: 2 });
    });
    const items = await createCrmClient(options(api.fetch))
      .paginate("/api/v1/people", { params: { query: { pageSize: 2 } } })
      .toArray();
    expect(items.map((item) => item.lastName)).toEqual(["0", "1", "2"]);
    expect(api.apiRequests()).toHaveLength(2);
  });

  it("raises a clear error when the server ignores pageIndex, instead of looping", async () => {
    const api = fakeApi(() => page([person(0), person(1)], 10, 0, 2));
    const items: unknown[] = [];
    const paginator = createCrmClient(options(api.fetch)).paginate("/api/v1/people", {
      params: { query: { pageSize: 2 } },
    });
    await expect(
      (async () => {
        for await (const item of paginator) items.push(item);
      })(),
    ).rejects.toThrow(PaginationError);
    expect(items).toHaveLength(2);
    expect(api.apiRequests().length).toBeLessThanOrEqual(2);
  });

  it("detects a server that ignores pageIndex even when it does not echo it", async () => {
    const api = fakeApi(() => Response.json({ data: [person(0), person(1)], totalCount: 10, pageSize: 2 }));
    const paginator = createCrmClient(options(api.fetch)).paginate("/api/v1/people", {
      params: { query: { pageSize: 2 } },
    });
    await expect(paginator.toArray()).rejects.toThrow(/ignore the page position/);
  });

  it("drops an item that a shifted page repeats", async () => {
    const pages = [[person(0), person(1)], [person(1), person(2)], [person(3)]];
    const api = fakeApi((request) => {
      const pageIndex = Number(new URL(request.url).searchParams.get("pageIndex"));
      return page(pages[pageIndex] ?? [], 5, pageIndex, 2);
    });
    const items = await createCrmClient(options(api.fetch))
      .paginate("/api/v1/people", { params: { query: { pageSize: 2 } } })
      .toArray();
    expect(items.map((item) => item.lastName)).toEqual(["0", "1", "2", "3"]);
  });

  it("prefetches pages with concurrency and still yields in order", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const api = fakeApi(async (request) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      const pageIndex = Number(new URL(request.url).searchParams.get("pageIndex"));
      return page(
        Array.from({ length: pageIndex < 9 ? 10 : 5 }, (_, i) => person(pageIndex * 10 + i)),
        95,
        pageIndex,
        10,
      );
    });
    const items = await createCrmClient(options(api.fetch))
      .paginate("/api/v1/people", { params: { query: { pageSize: 10 } } }, { concurrency: 4 })
      .toArray();
    expect(items.map((item) => Number(item.lastName))).toEqual(Array.from({ length: 95 }, (_, i) => i));
    expect(maxInFlight).toBe(4);
    expect(api.apiRequests()).toHaveLength(10);
  });

  it("pages paths with path parameters, typed from the spec", async () => {
    const api = fakeApi((request) => {
      expect(request.path).toBe("/api/v1/committees/7c9e6679-7425-40de-944b-e07fc1f90ae7/members");
      return page(
        [{ committeeId: "c", personId: "p", position: "Chair", startDate: "2024-01-01", endDate: null }],
        1,
        0,
        50,
      );
    });
    const members = await createCrmClient(options(api.fetch))
      .committees.members("7c9e6679-7425-40de-944b-e07fc1f90ae7")
      .toArray();
    expect(members[0]?.position).toBe("Chair");
  });

  it("serves the live API's POST …/PagingList shape with a strategy", async () => {
    const total = 25;
    const api = fakeApi((request) => {
      const { pageNumber, itemCount, sortBy } = JSON.parse(request.body) as {
        pageNumber: number;
        itemCount: number;
        sortBy: string;
      };
      expect(sortBy).toBe("lastName");
      const start = (pageNumber - 1) * itemCount;
      const result = Array.from({ length: Math.max(0, Math.min(itemCount, total - start)) }, (_, i) =>
        person(start + i),
      );
      return Response.json({ result, totalCount: total, itemCount: result.length });
    });
    const crm = createCrmClient(options(api.fetch));
    const people = await crm
      .paginateWith(pagingListStrategy<{ id: string }>({ itemCount: 10 }), "/api/v1/People/PagingList", {
        body: { sortBy: "lastName", sortDirection: "asc", filterBody: {} },
      })
      .toArray();
    expect(people).toHaveLength(25);
    expect(api.apiRequests().map((request) => JSON.parse(request.body).pageNumber)).toEqual([1, 2, 3]);
    expect(api.apiRequests().every((request) => request.method === "POST")).toBe(true);
  });

  it("retries a PagingList POST, since reading a page is safe to repeat", async () => {
    const api = fakeApi((_request, attempt) =>
      attempt === 1
        ? new Response("", { status: 503, headers: { "retry-after-ms": "1" } })
        : Response.json({ result: [person(0)], totalCount: 1, itemCount: 1 }),
    );
    const items = await createCrmClient(options(api.fetch))
      .paginateWith(pagingListStrategy(), "/api/v1/People/PagingList")
      .toArray();
    expect(items).toHaveLength(1);
    expect(api.apiRequests()).toHaveLength(2);
  });
});
