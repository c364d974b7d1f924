import { ConfigurationError } from "../errors.js";

export interface PaginateOptions {
  /**
   * Items to ask for per page, whatever the operation calls its size field (`pageSize`, `itemCount`…). The
   * server may serve fewer; the paginator then follows the server's size. Default: the request's, or the server's.
   */
  pageSize?: number;
  /** Pages fetched at once once the total is known. Requests still pass the rate limiter. Default 1. */
  concurrency?: number;
  /** Stop after this many pages. Default: no limit. */
  maxPages?: number;
  /**
   * How to tell items apart, to drop an item a shifted page repeats: `item.id` by default, else
   * the item's JSON. `false` keeps every item and remembers nothing (a list that changes while it
   * is paged then throws a PaginationError).
   */
  itemKey?: ((item: unknown) => unknown) | false;
  /** Stops paging, and every page request in flight. */
  signal?: AbortSignal;
}

/** Throws a ConfigurationError, as for every other option, unless the counts are whole numbers ≥ 1. */
export function checkPaginateOptions(options: PaginateOptions): void {
  for (const option of ["pageSize", "concurrency", "maxPages"] as const) {
    const value = options[option];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1))
      throw new ConfigurationError(option, undefined, `must be a whole number ≥ 1, got ${value}`);
  }
}

/** `id` when the item has one (own or inherited), else the item's JSON. */
export function defaultItemKey(item: unknown): unknown {
  const id = (item as { id?: unknown } | null | undefined)?.id;
  return typeof id === "string" || typeof id === "number" ? id : JSON.stringify(item);
}
