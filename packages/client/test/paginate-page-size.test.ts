import { describe, expect, it } from "vitest";
import { ConfigurationError, createCrmClient, metadataStrategy, type PaginateOptions } from "../src/index.js";
import { options } from "./fake-api.js";
import { type Item, listServer, pageIndexShape, pagingListShape } from "./paged-list-server.js";

// `pageSize` and `total()` name no field of any shape, so code that uses them survives a spec swap.
const shapes = { "GET pageIndex": pageIndexShape, "POST PagingList": pagingListShape };

describe.each(Object.entries(shapes))("the shape-neutral page options on %s", (_name, shape) => {
  const paginate = (count: number, paginateOptions: PaginateOptions, cap?: number) => {
    const api = listServer(shape, count, cap === undefined ? {} : { cap });
    const crm = createCrmClient(options(api.fetch));
    return { api, paginator: crm.paginateWith(metadataStrategy<Item>(shape), "/fixture/list", {}, paginateOptions) };
  };
  const sizesAsked = (api: ReturnType<typeof listServer>) =>
    api.apiRequests().map((request) => {
      const fields =
        shape.location === "body"
          ? (JSON.parse(request.body) as Record<string, unknown>)
          : Object.fromEntries(new URL(request.url).searchParams);
      return Number(fields[shape.sizeField ?? ""]);
    });

  it("asks for `pageSize` items in the shape's own size field", async () => {
    const { api, paginator } = paginate(25, { pageSize: 10 });
    expect(await paginator.toArray()).toHaveLength(25);
    expect(sizesAsked(api)).toEqual([10, 10, 10]);
  });

  it("follows the server's size when it serves fewer than `pageSize`", async () => {
    const { api, paginator } = paginate(10, { pageSize: 10 }, 4);
    expect((await paginator.toArray()).map((item) => item.id)).toEqual(api.items.map((item) => item.id));
    expect(api.apiRequests()).toHaveLength(3);
  });

  it("total() reads the server's totalCount from a one-item page", async () => {
    const { api, paginator } = paginate(1234, { pageSize: 100 });
    expect(await paginator.total()).toBe(1234);
    expect(sizesAsked(api)).toEqual([1]);
  });

  it.for([0, -1, 2.5, Number.NaN])("refuses pageSize %s with a ConfigurationError naming it", (pageSize) => {
    expect(() => paginate(1, { pageSize })).toThrow(ConfigurationError);
    expect(() => paginate(1, { pageSize })).toThrow(/pageSize/);
  });
});
