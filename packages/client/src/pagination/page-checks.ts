import { PaginationError } from "../errors.js";
import type { PageContents } from "./page-strategy.js";

/**
 * The page size to trust after the first page: what the server reports, else what it served. A
 * server that served fewer items than that while the total says there are more capped the page:
 * its real page size is what it served.
 */
export function trustedPageSize(first: PageContents<unknown>): number | undefined {
  const served = first.items.length;
  const reported = first.pageSize !== undefined && first.pageSize > 0 ? first.pageSize : undefined;
  if (served === 0) return reported;
  if (reported === undefined) return served;
  const capped = first.totalCount !== undefined && first.totalCount > served;
  return capped && served < reported ? served : Math.max(reported, served);
}

/** How many items page `index` must hold, by the total and the page size; undefined when either is unknown. */
export function expectedCount(index: number, pageSize: number | undefined, totalCount: number | undefined) {
  if (totalCount === undefined) return undefined;
  // An empty first page of a list whose total is not 0 is short too.
  if (pageSize === undefined) return index === 0 && totalCount > 0 ? 1 : undefined;
  return Math.max(0, Math.min(pageSize, totalCount - index * pageSize));
}

/** Whether page `index` is the last one: by position when the total is known, else by a short or empty page. */
export function isLastPage(
  index: number,
  page: PageContents<unknown>,
  pageSize: number | undefined,
  totalCount: number | undefined,
): boolean {
  if (totalCount !== undefined && pageSize !== undefined) return (index + 1) * pageSize >= totalCount;
  if (page.items.length === 0) return true;
  return pageSize !== undefined && page.items.length < pageSize;
}

/**
 * The page to read again after the total fell by `removed` while page `index` was read: records
 * after the removed ones moved up by as many places, so those that were at the start of this page
 * may now sit on an earlier page.
 */
export function rewindIndex(index: number, pageSize: number, removed: number): number {
  return Math.floor(Math.max(0, index * pageSize - removed) / pageSize);
}

export function shortPage(
  index: number,
  served: number,
  expected: number,
  pageSize: number | undefined,
  total: number | undefined,
) {
  return new PaginationError(
    `Pagination stopped: page ${index} held ${served} items twice, where the server's page size (${pageSize ?? "unknown"}) and totalCount (${total}) promise ${pageSize === undefined ? "some" : expected}; stopping rather than missing records`,
  );
}

export function ignoredPosition(detail: string): PaginationError {
  return new PaginationError(`Pagination stopped: ${detail}; the server seems to ignore the page position`);
}

export function keepsChanging(rewinds: number, from: number | undefined, to: number | undefined) {
  return new PaginationError(
    `Pagination stopped: records were removed ${rewinds} times while the list was paged (totalCount ${from} → ${to}); every record could not be guaranteed exactly once`,
  );
}

export function changedWithoutKeys(from: number | undefined, to: number | undefined) {
  return new PaginationError(
    `Pagination stopped: the list changed while it was paged (totalCount ${from} → ${to}) and itemKey is false, so records could be skipped or repeated`,
  );
}
