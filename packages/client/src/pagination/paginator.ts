import { PaginationError } from "../errors.js";
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
}

/** Fetches the page at a zero-based index and returns its parsed body; throws on failure. */
export type PageFetcher = (index: number) => Promise<unknown>;

/** Items of every page, in order: `for await (const item of paginator)`, `.pages()`, `.toArray()`. */
export class Paginator<TItem> implements AsyncIterable<TItem> {
  readonly #fetchPage: PageFetcher;
  readonly #strategy: PageStrategy<TItem>;
  readonly #options: PaginateOptions;

  constructor(fetchPage: PageFetcher, strategy: PageStrategy<TItem>, options: PaginateOptions = {}) {
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
    if (options.maxPages !== undefined && (!Number.isInteger(options.maxPages) || options.maxPages < 1)) {
      throw new RangeError(`maxPages must be a whole number ≥ 1, got ${options.maxPages}`);
    }
    this.#fetchPage = fetchPage;
    this.#strategy = strategy;
    this.#options = options;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<TItem> {
    for await (const page of this.pages()) yield* page;
  }

  /** The items page by page. */
  async *pages(): AsyncGenerator<TItem[], void, undefined> {
    const { concurrency = 1, maxPages = Number.POSITIVE_INFINITY, itemKey } = this.#options;
    const keyOf = itemKey === false ? undefined : (itemKey ?? defaultItemKey);
    const seen = new Set<unknown>();
    let previousKeys: unknown[] | undefined;
    let yielded = 0;
    let pageSize: number | undefined;
    let lastIndex = Number.POSITIVE_INFINITY; // known once the total is
    const prefetched = new Map<number, Promise<unknown>>();

    const load = (index: number): Promise<unknown> => {
      const pending = prefetched.get(index) ?? this.#fetchPage(index);
      prefetched.delete(index);
      return pending;
    };

    try {
      for (let index = 0; index <= lastIndex && index < maxPages; index++) {
        const page = this.#strategy.readPage(await load(index));
        if (page.pageIndex !== undefined && page.pageIndex !== index) {
          throw ignoredPosition(`asked for page ${index}, the server returned page ${page.pageIndex}`);
        }
        pageSize ??= page.pageSize ?? (page.items.length || undefined);
        if (page.totalCount !== undefined && pageSize) lastIndex = Math.ceil(page.totalCount / pageSize) - 1;

        const fresh = keyOf ? this.#dropRepeats(page, keyOf, seen, previousKeys, index) : page.items;
        if (keyOf) previousKeys = page.items.map(keyOf);
        if (fresh.length > 0) {
          yielded += fresh.length;
          yield fresh;
        }
        if (isLastPage(page, pageSize, yielded)) return;

        // With concurrency > 1, keep that many later pages in flight while the caller works; they are yielded in order.
        const prefetchThrough = concurrency > 1 ? Math.min(lastIndex, index + concurrency, maxPages - 1) : index;
        for (let ahead = index + 1; ahead <= prefetchThrough; ahead++) {
          if (!prefetched.has(ahead)) prefetched.set(ahead, this.#fetchPage(ahead));
        }
      }
    } finally {
      // A page fetched ahead and never awaited must not surface as an unhandled rejection.
      for (const pending of prefetched.values()) pending.catch(() => undefined);
    }
  }

  /** Collects the items into an array; `max` stops early and caps its length. */
  async toArray(options: { max?: number } = {}): Promise<TItem[]> {
    const max = options.max ?? Number.POSITIVE_INFINITY;
    const items: TItem[] = [];
    if (max <= 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= max) break;
    }
    return items;
  }

  #dropRepeats(
    page: PageContents<TItem>,
    keyOf: (item: unknown) => unknown,
    seen: Set<unknown>,
    previousKeys: unknown[] | undefined,
    index: number,
  ): TItem[] {
    const keys = page.items.map(keyOf);
    if (
      previousKeys &&
      keys.length > 0 &&
      keys.length === previousKeys.length &&
      keys.every((key, i) => key === previousKeys[i])
    ) {
      throw ignoredPosition(`page ${index} repeats page ${index - 1} item for item`);
    }
    const fresh: TItem[] = [];
    page.items.forEach((item, i) => {
      const key = keys[i];
      if (seen.has(key)) return; // a record shifted onto this page from the previous one
      seen.add(key);
      fresh.push(item);
    });
    if (fresh.length === 0 && page.items.length > 0)
      throw ignoredPosition(`page ${index} holds only items already returned`);
    return fresh;
  }
}

function isLastPage(page: PageContents<unknown>, pageSize: number | undefined, yielded: number): boolean {
  if (page.items.length === 0) return true;
  if (pageSize !== undefined && page.items.length < pageSize) return true;
  return page.totalCount !== undefined && yielded >= page.totalCount;
}

function ignoredPosition(detail: string): PaginationError {
  return new PaginationError(
    `Pagination stopped: ${detail}. The server seems to ignore the page position; stopping instead of looping or returning duplicates.`,
  );
}

function defaultItemKey(item: unknown): unknown {
  if (typeof item === "object" && item !== null && "id" in item) {
    const id = (item as { id: unknown }).id;
    if (typeof id === "string" || typeof id === "number") return id;
  }
  return JSON.stringify(item);
}
