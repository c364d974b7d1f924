import { PaginationError } from "../errors.js";
import { followSignal } from "../transport/abort.js";
import {
  changedWithoutKeys,
  expectedCount,
  ignoredPosition,
  isLastPage,
  keepsChanging,
  rewindIndex,
  shortPage,
  trustedPageSize,
} from "./page-checks.js";
import type { PageStrategy } from "./page-strategy.js";

export interface PaginateOptions {
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

/** Fetches the page at a zero-based index (with the page size to ask for, once known) and returns its body. */
export type PageFetcher = (index: number, signal: AbortSignal, pageSize?: number) => Promise<unknown>;

// Pages that hold only items already returned, in a row, before the paginator gives up.
const maxRepeatedPages = 3;
// Times the paginator goes back to read pages again (records removed while paging) before it gives up.
const maxRewinds = 5;

/** Items of every page, in order: `for await (const item of paginator)`, `.pages()`, `.toArray()`. */
export class Paginator<TItem> implements AsyncIterable<TItem> {
  readonly #fetchPage: PageFetcher;
  readonly #strategy: PageStrategy<TItem>;
  readonly #options: PaginateOptions;

  constructor(fetchPage: PageFetcher, strategy: PageStrategy<TItem>, options: PaginateOptions = {}) {
    checkCount("concurrency", options.concurrency ?? 1);
    checkCount("maxPages", options.maxPages);
    this.#fetchPage = fetchPage;
    this.#strategy = strategy;
    this.#options = options;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<TItem> {
    for await (const page of this.pages()) yield* page;
  }

  /**
   * The items page by page, each exactly once. The page size and total are the server's, not what
   * was asked. A page with fewer items than they promise is read again, then throws. When the
   * total changes, records were added or removed meanwhile: pages fetched ahead are dropped, and
   * after a removal the pages the records may have moved back to are read again, so that no record
   * falls between two pages; repeats are dropped by `itemKey`.
   */
  async *pages(): AsyncGenerator<TItem[], void, undefined> {
    const { maxPages = Infinity, itemKey } = this.#options;
    let concurrency = this.#options.concurrency ?? 1;
    const keyOf = itemKey === false ? undefined : (itemKey ?? defaultItemKey);
    const seen = new Set<unknown>();
    const run = new AbortController();
    const unfollow = followSignal(run, this.#options.signal);
    const prefetched = new Map<number, Promise<unknown>>();
    let pageSize: number | undefined;
    let askSize: number | undefined; // sent once the server served fewer than asked
    let total: number | undefined;
    let previousKeys: unknown[] = [];
    let repeatedPages = 0;
    let rewinds = 0;
    let reread = -1; // the page last read a second time for being short
    let furthest = -1; // the furthest page read so far

    const fetchPage = (index: number) => this.#fetchPage(index, run.signal, askSize);
    const discardPrefetched = () => {
      for (const pending of prefetched.values()) pending.catch(() => undefined);
      prefetched.clear();
    };

    try {
      for (let index = 0; index < maxPages; ) {
        const ahead = prefetched.get(index);
        prefetched.delete(index);
        const page = this.#strategy.readPage(await (ahead ?? fetchPage(index)));
        if (page.pageIndex !== undefined && page.pageIndex !== index)
          throw ignoredPosition(`asked for page ${index}, the server returned page ${page.pageIndex}`);
        if (index === 0 && pageSize === undefined) {
          pageSize = trustedPageSize(page);
          // A capped first page: ask for exactly what the server serves, so that its positions and ours agree.
          const capped = (page.totalCount ?? 0) > page.items.length && page.items.length < (page.pageSize ?? Infinity);
          if (capped && pageSize !== undefined) askSize = pageSize;
        }

        const changed = total !== undefined && page.totalCount !== total;
        if (total !== undefined && page.totalCount !== total) {
          // Pages fetched ahead saw the list at moments in between, which are lost with them: read it all again.
          const inFlight = prefetched.size > 0 || ahead !== undefined;
          discardPrefetched();
          concurrency = 1;
          if (!keyOf) throw changedWithoutKeys(total, page.totalCount);
          const removed = total - (page.totalCount ?? total);
          const from = inFlight
            ? 0
            : removed > 0 && pageSize !== undefined
              ? rewindIndex(index, pageSize, removed)
              : index;
          if (from < index && ++rewinds > maxRewinds) throw keepsChanging(rewinds, total, page.totalCount);
          total = page.totalCount;
          if (from < index) {
            index = from;
            continue;
          }
        }
        total = page.totalCount;

        const expected = expectedCount(index, pageSize, total);
        if (expected !== undefined && page.items.length < expected) {
          discardPrefetched();
          if (reread === index) throw shortPage(index, page.items.length, expected, pageSize, total);
          reread = index;
          continue;
        }

        const keys = keyOf ? page.items.map(keyOf) : [];
        let fresh = page.items;
        if (keyOf) {
          const newPosition = index > furthest && !changed;
          if (newPosition && index > 0 && keys.length > 0 && sameKeys(keys, previousKeys))
            throw ignoredPosition(`page ${index} repeats page ${index - 1} item for item`);
          fresh = page.items.filter((_, i) => !seen.has(keys[i]) && seen.add(keys[i]));
          repeatedPages = newPosition && fresh.length === 0 && page.items.length > 0 ? repeatedPages + 1 : 0;
          if (repeatedPages >= maxRepeatedPages)
            throw ignoredPosition(`${repeatedPages} pages in a row hold only items already returned`);
        }
        previousKeys = keys;
        furthest = Math.max(furthest, index);
        if (fresh.length > 0) yield fresh;
        if (isLastPage(index, page, pageSize, total)) return;
        index++;

        // With concurrency > 1 and a known total, keep that many later pages in flight while the caller
        // works; they are yielded in order. Without a total, a change in the list could not be noticed.
        if (concurrency > 1 && total !== undefined && pageSize !== undefined) {
          const last = Math.ceil(total / pageSize) - 1;
          for (let next = index; next <= Math.min(last, index + concurrency - 1, maxPages - 1); next++)
            if (!prefetched.has(next)) prefetched.set(next, fetchPage(next));
        }
      }
    } finally {
      // Pages fetched ahead and not needed any more stop now, and cannot surface as unhandled rejections.
      discardPrefetched();
      run.abort(new PaginationError("Pagination stopped"));
      unfollow();
    }
  }

  /** Collects the items into an array; `max` stops early and caps its length. */
  async toArray(options: { max?: number } = {}): Promise<TItem[]> {
    const max = options.max ?? Infinity;
    const items: TItem[] = [];
    if (max <= 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= max) break;
    }
    return items;
  }
}

function sameKeys(keys: unknown[], previous: unknown[]): boolean {
  return keys.length === previous.length && keys.every((key, i) => key === previous[i]);
}

function checkCount(option: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1))
    throw new RangeError(`${option} must be a whole number ≥ 1, got ${value}`);
}

function defaultItemKey(item: unknown): unknown {
  // `id` when the item has one (own or inherited), else the item's JSON.
  const id = (item as { id?: unknown } | null | undefined)?.id;
  return typeof id === "string" || typeof id === "number" ? id : JSON.stringify(item);
}
