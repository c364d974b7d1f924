import { isRecord } from "../is-record.js";
import { numberOrUndefined, type PageStrategy, pageBody } from "./page-strategy.js";

export interface PagingListOptions {
  /** Items per page (the body's `itemCount`). Default 100. */
  itemCount?: number;
}

/**
 * The live API's ASP.NET shape: `POST …/PagingList` with `{ pageNumber (1-based), itemCount,
 * sortBy, sortDirection, filterBody }` returning `{ result, totalCount, itemCount }`. The
 * caller's body supplies sorting and filters; this strategy sets the page fields. The page size
 * is what the server reports (`itemCount` in the response), not what was asked.
 */
export function pagingListStrategy<TItem>(options: PagingListOptions = {}): PageStrategy<TItem> {
  const itemCount = options.itemCount ?? 100;
  return {
    method: "POST",
    pageRequest(init, index, pageSize) {
      const body = isRecord(init?.body) ? init.body : {};
      return { ...init, body: { ...body, pageNumber: index + 1, itemCount: pageSize ?? itemCount }, idempotent: true };
    },
    readPage(body) {
      const page = pageBody(body, "result");
      return {
        items: page.result as TItem[],
        totalCount: numberOrUndefined(page.totalCount),
        pageSize: numberOrUndefined(page.itemCount),
      };
    },
  };
}
