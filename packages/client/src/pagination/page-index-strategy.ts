import { isRecord } from "../is-record.js";
import { numberOrUndefined, type PageInit, type PageStrategy, pageBody } from "./page-strategy.js";

/**
 * The guide's shape: `GET …?pageIndex=0&pageSize=50` (zero-based) returning
 * `{ data, totalCount, pageIndex, pageSize }`.
 */
export function pageIndexStrategy<TItem>(): PageStrategy<TItem> {
  return {
    method: "GET",
    pageRequest(init, index, pageSize) {
      const params = init?.params ?? {};
      const query = isRecord(params.query) ? params.query : {};
      const size = pageSize === undefined ? {} : { pageSize };
      return { ...init, params: { ...params, query: { ...query, ...size, pageIndex: index } } };
    },
    readPage(body) {
      const page = pageBody(body, "data");
      return {
        items: page.data as TItem[],
        totalCount: numberOrUndefined(page.totalCount),
        pageSize: numberOrUndefined(page.pageSize),
        pageIndex: numberOrUndefined(page.pageIndex),
      };
    },
  };
}

export type { PageInit };
