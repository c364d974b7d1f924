import { isRecord } from "../is-record.js";
import type { PageContents, PageInit, PageStrategy } from "./page-strategy.js";

/**
 * The guide's shape: `GET …?pageIndex=0&pageSize=50` (zero-based) returning
 * `{ data, totalCount, pageIndex, pageSize }`.
 */
export function pageIndexStrategy<TItem>(): PageStrategy<TItem> {
  return {
    method: "GET",
    pageRequest(init, index) {
      const params = init?.params ?? {};
      const query = isRecord(params.query) ? params.query : {};
      return { ...init, params: { ...params, query: { ...query, pageIndex: index } } };
    },
    readPage(body) {
      if (!isRecord(body) || !Array.isArray(body.data)) {
        throw new TypeError("a page must be an object with a `data` array ({ data, totalCount, pageIndex, pageSize })");
      }
      return {
        items: body.data as TItem[],
        totalCount: numberOrUndefined(body.totalCount),
        pageSize: numberOrUndefined(body.pageSize),
        pageIndex: numberOrUndefined(body.pageIndex),
      } satisfies PageContents<TItem>;
    },
  };
}

export function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export type { PageInit };
