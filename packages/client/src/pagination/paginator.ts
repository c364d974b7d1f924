import { PaginationError } from "../errors.js";
import { followSignal } from "../transport/abort.js";
import { ItemFilter } from "./item-filter.js";
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
import { checkPaginateOptions, defaultItemKey, type PaginateOptions } from "./paginate-options.js";

export type { PaginateOptions } from "./paginate-options.js";

/** Fetches the page at a zero-based index (with the page size to ask for, once known) and returns its body. */
export type PageFetcher = (index: number, signal: AbortSignal, pageSize?: number) => Promise<unknown>;

// Times the paginator goes back to read pages again (records removed while paging) before it gives up.
const maxRewinds = 5;

/** Items of every page, in order: `for await (const item of paginator)`, `.pages()`, `.toArray()`. */
export class Paginator<TItem> implements AsyncIterable<TItem> {
  readonly #fetchPage: PageFetcher;
  readonly #strategy: PageStrategy<TItem>;
  readonly #options: PaginateOptions;

  constructor(fetchPage: PageFetcher, strategy: PageStrategy<TItem>, options: PaginateOptions = {}) {
    checkPaginateOptions(options);
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
    const filter = keyOf ? new ItemFilter<TItem>(keyOf) : undefined;
    const run = new AbortController();
    const unfollow = followSignal(run, this.#options.signal);
    const prefetched = new Map<number, Promise<unknown>>();
    let pageSize: number | undefined;
    let askSize = this.#options.pageSize; // the server's size instead, once it served fewer than asked
    let total: number | undefined;
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

        const fresh = filter ? filter.fresh(page.items, index, index > furthest && !changed) : page.items;
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

  /**
   * The server's `totalCount` for the list, from a one-item first page (one request), or undefined when the
   * operation reports no total. Handy for a progress bar before paging.
   */
  async total(): Promise<number | undefined> {
    const run = new AbortController();
    const unfollow = followSignal(run, this.#options.signal);
    try {
      return this.#strategy.readPage(await this.#fetchPage(0, run.signal, 1)).totalCount;
    } finally {
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
