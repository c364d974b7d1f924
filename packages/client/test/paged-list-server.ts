import type { PagedOperationMetadata } from "@engagifii/crm-types";
import { fakeApi, person } from "./fake-api.js";

/** The two shapes of the documents we know, as `pnpm generate` detects them (not read from our document). */
export const pageIndexShape: PagedOperationMetadata = {
  method: "get",
  location: "query",
  pageField: "pageIndex",
  firstPage: 0,
  sizeField: "pageSize",
  itemsField: "data",
  totalField: "totalCount",
  reportedSizeField: "pageSize",
  reportedPageField: "pageIndex",
};

/** The live API's `POST …/PagingList`: `{ pageNumber (1-based), itemCount }` → `{ result, totalCount, itemCount }`. */
export const pagingListShape: PagedOperationMetadata = {
  method: "post",
  location: "body",
  pageField: "pageNumber",
  firstPage: 1,
  sizeField: "itemCount",
  itemsField: "result",
  totalField: "totalCount",
  reportedSizeField: "itemCount",
};

export type Item = ReturnType<typeof person>;

export interface ListServerOptions {
  /** The most items the server puts on a page, whatever was asked. Default: no cap. */
  cap?: number;
  /** What the response's `itemCount` says: the items served (default) or the size asked. */
  reports?: "served" | "asked";
  /** Called before each page is served, with the request's number (1-based): change `items` here. */
  beforePage?: (request: number, items: Item[]) => void;
  /** Replaces a page's items, to serve a faulty page. */
  tamper?: (request: number, items: Item[]) => Item[] | null;
}

/**
 * A server holding a list that it pages honestly in one of the shapes, so that a test can change
 * the list between pages or make the server cap its pages.
 */
export function listServer(shape: PagedOperationMetadata, count: number, settings: ListServerOptions = {}) {
  const items = Array.from({ length: count }, (_, i) => person(i));
  let served = 0;
  const api = fakeApi((request) => {
    served++;
    settings.beforePage?.(served, items);
    const fields =
      shape.location === "body"
        ? (JSON.parse(request.body) as Record<string, number>)
        : Object.fromEntries(new URL(request.url).searchParams);
    const asked = Number(fields[shape.sizeField ?? ""] ?? 50);
    const size = Math.min(asked, settings.cap ?? Infinity);
    const position = Number(fields[shape.pageField] ?? shape.firstPage) - shape.firstPage;
    const page = items.slice(position * size, position * size + size);
    const result = settings.tamper ? settings.tamper(served, page) : page;
    const body: Record<string, unknown> = { [shape.itemsField]: result, [shape.totalField]: items.length };
    if (shape.reportedSizeField)
      body[shape.reportedSizeField] =
        settings.reports === "asked" ? asked : shape.location === "body" ? page.length : size;
    if (shape.reportedPageField) body[shape.reportedPageField] = position + shape.firstPage;
    return Response.json(body);
  });
  return { ...api, items };
}
