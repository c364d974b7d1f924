import { PaginationError } from "../errors.js";
import { followSignal } from "../transport/abort.js";
import type { PageContents, PageStrategy } from "./page-strategy.js";

export interface PaginateOptions {
  /** Pages fetched at once once the total is known. Requests still pass the rate limiter. Default 1. */
  concurrency?: number;
  /** Stop after this many pages. Default: no limit. */
  maxPages?: number;
  /**
   * How to tell items apart, to drop an item a shifted page repeats: `item.id` by default, else
   * the item's JSON. `false` keeps every item and remembers nothing.
   */
  itemKey?: ((item: unknown) => unknown) | false;
  /** Stops paging, and every page request in flight. */
  signal?: AbortSignal;
}

/** Fetches the page at a zero-based index and returns its parsed body; throws on failure. */
export type PageFetcher = (index: number, signal: AbortSignal) => Promise<unknown>;

// Pages that hold only items already returned, in a row, before the paginator gives up.
const maxRepeatedPages = 3;

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
   * The items page by page. A record that a shifted page repeats is dropped. When the total
   * changes while pages are fetched ahead (records added or removed meanwhile), the pages fetched
   * ahead are thrown away and the rest is fetched one page at a time, so that no record falls
   * between two pages taken at different moments.
   */
  async *pages(): AsyncGenerator<TItem[], void, undefined> {
    const { maxPages = Infinity, itemKey } = this.#options;
    let concurrency = this.#options.concurrency ?? 1;
    const keyOf = itemKey === false ? undefined : (itemKey ?? defaultItemKey);
    const seen = new Set<unknown>();
    const run = new AbortController();
    const unfollow = followSignal(run, this.#options.signal);
    const prefetched = new Map<number, Promise<unknown>>();
    let previous: { keys: unknown[]; totalCount: number | undefined } | undefined;
    let repeatedPages = 0;
    let yielded = 0;
    let pageSize: number | undefined;
    let lastIndex = Infinity; // known once the total is

    const fetchPage = (index: number) => this.#fetchPage(index, run.signal);
    const discardPrefetched = () => {
      for (const pending of prefetched.values()) pending.catch(() => undefined);
      prefetched.clear();
    };

    try {
      for (let index = 0; index <= lastIndex && index < maxPages; index++) {
        const ahead = prefetched.get(index);
        prefetched.delete(index);
        let page = this.#strategy.readPage(await (ahead ?? fetchPage(index)));
        if (ahead && previous && page.totalCount !== previous.totalCount) {
          concurrency = 1;
          discardPrefetched();
          page = this.#strategy.readPage(await fetchPage(index));
        }
        if (page.pageIndex !== undefined && page.pageIndex !== index) {
          throw ignoredPosition(`asked for page ${index}, the server returned page ${page.pageIndex}`);
        }
        pageSize ??= page.pageSize ?? (page.items.length || undefined);
        if (page.totalCount !== undefined && pageSize) lastIndex = Math.ceil(page.totalCount / pageSize) - 1;

        let fresh = page.items;
        const keys = keyOf ? page.items.map(keyOf) : [];
        if (keyOf) {
          if (previous && keys.length > 0 && page.totalCount === previous.totalCount && sameKeys(keys, previous.keys)) {
            throw ignoredPosition(`page ${index} repeats page ${index - 1} item for item`);
          }
          fresh = page.items.filter((_, i) => !seen.has(keys[i]) && seen.add(keys[i]));
          repeatedPages = fresh.length === 0 && page.items.length > 0 ? repeatedPages + 1 : 0;
          if (repeatedPages >= maxRepeatedPages)
            throw ignoredPosition(`${repeatedPages} pages in a row hold only items already returned`);
        }
        previous = { keys, totalCount: page.totalCount };
        if (fresh.length > 0) {
          yielded += fresh.length;
          yield fresh;
        }
        if (isLastPage(page, pageSize, yielded)) return;

        // With concurrency > 1 and a known total, keep that many later pages in flight while the caller
        // works; they are yielded in order. Without a total, a change in the list could not be noticed.
        const prefetchThrough =
          concurrency > 1 && Number.isFinite(lastIndex)
            ? Math.min(lastIndex, index + concurrency, maxPages - 1)
            : index;
        for (let next = index + 1; next <= prefetchThrough; next++) {
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

function isLastPage(page: PageContents<unknown>, pageSize: number | undefined, yielded: number): boolean {
  if (page.items.length === 0) return true;
  if (pageSize !== undefined && page.items.length < pageSize) return true;
  return page.totalCount !== undefined && yielded >= page.totalCount;
}

function sameKeys(keys: unknown[], previous: unknown[]): boolean {
  return keys.length === previous.length && keys.every((key, i) => key === previous[i]);
}

function ignoredPosition(detail: string): PaginationError {
  return new PaginationError(`Pagination stopped: ${detail}; the server seems to ignore the page position`);
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
