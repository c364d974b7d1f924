import { ignoredPosition } from "./page-checks.js";

// Pages that hold only items already returned, in a row, before the paginator gives up.
const maxRepeatedPages = 3;

/**
 * Drops the items a run has already yielded (a page shifted by records added meanwhile repeats
 * some), and notices a server that ignores the page position: a new page equal to the one before
 * it, or several new pages in a row with nothing new.
 */
export class ItemFilter<TItem> {
  readonly #keyOf: (item: unknown) => unknown;
  readonly #seen = new Set<unknown>();
  #previousKeys: unknown[] = [];
  #repeatedPages = 0;

  constructor(keyOf: (item: unknown) => unknown) {
    this.#keyOf = keyOf;
  }

  /** The items of page `index` not yielded before; `newPosition` when the page was never read and the list did not change. */
  fresh(items: TItem[], index: number, newPosition: boolean): TItem[] {
    const keys = items.map(this.#keyOf);
    if (newPosition && index > 0 && keys.length > 0 && sameKeys(keys, this.#previousKeys))
      throw ignoredPosition(`page ${index} repeats page ${index - 1} item for item`);
    const fresh = items.filter((_, i) => !this.#seen.has(keys[i]) && this.#seen.add(keys[i]));
    this.#repeatedPages = newPosition && fresh.length === 0 && items.length > 0 ? this.#repeatedPages + 1 : 0;
    if (this.#repeatedPages >= maxRepeatedPages)
      throw ignoredPosition(`${this.#repeatedPages} pages in a row hold only items already returned`);
    this.#previousKeys = keys;
    return fresh;
  }
}

function sameKeys(keys: unknown[], previous: unknown[]): boolean {
  return keys.length === previous.length && keys.every((key, i) => key === previous[i]);
}
