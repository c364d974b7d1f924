import { PaginationError } from "../errors.js";
import { isRecord } from "../is-record.js";

/** Request options for one page, as openapi-fetch takes them. */
export type PageInit = Record<string, unknown> & { params?: Record<string, unknown>; body?: unknown };

/** What the paginator needs to know about one page. */
export interface PageContents<TItem> {
  items: TItem[];
  /** Items in the whole collection, when the server says. */
  totalCount?: number | undefined;
  /** The page size the server used, when it says. */
  pageSize?: number | undefined;
  /** The zero-based position the server says it returned, when it says. */
  pageIndex?: number | undefined;
}

/**
 * How one API shape pages: where the page position goes in a request and where the items are
 * in a response. The paginator itself knows neither.
 */
export interface PageStrategy<TItem> {
  method: "GET" | "POST";
  /**
   * The request for the zero-based page `index`, built from the caller's `init`. `pageSize` is set
   * when the server served smaller pages than asked: ask for exactly that many from then on.
   */
  pageRequest(init: PageInit | undefined, index: number, pageSize?: number): PageInit;
  readPage(body: unknown): PageContents<TItem>;
}

/** The page body, checked to be an object with an array of items under `key`. */
export function pageBody(body: unknown, key: string): Record<string, unknown> {
  if (!isRecord(body) || !Array.isArray(body[key])) {
    const found = isRecord(body)
      ? body[key] === null
        ? "null"
        : typeof body[key]
      : body === null
        ? "null"
        : typeof body;
    throw new PaginationError(`Pagination stopped: a page must be an object with a \`${key}\` array, got ${found}`);
  }
  return body;
}

/** A finite number from a page body, else undefined. */
export function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
