import type { PagedOperationMetadata } from "@engagifii/crm-types";
import { isRecord } from "../is-record.js";
import { numberOrUndefined, type PageStrategy, pageBody } from "./page-strategy.js";

/** Items asked per page of a POST list whose body names no size, as `pagingListStrategy` does. */
const defaultBodyPageSize = 100;

/**
 * The strategy for a paged operation of the document, from its generated metadata: the page
 * position (and, when the server served less than asked, the size) go into the query of a GET or
 * the body of a POST; the items, the total and what the server reports come from the fields the
 * metadata names.
 */
export function metadataStrategy<TItem>(shape: PagedOperationMetadata): PageStrategy<TItem> {
  const { location, pageField, firstPage, sizeField, itemsField, totalField } = shape;
  return {
    method: shape.method === "post" ? "POST" : "GET",
    pageRequest(init, index, pageSize) {
      const fields: Record<string, unknown> = { [pageField]: index + firstPage };
      if (sizeField !== undefined && pageSize !== undefined) fields[sizeField] = pageSize;
      if (location === "body") {
        const body = isRecord(init?.body) ? init.body : {};
        if (sizeField !== undefined && body[sizeField] === undefined) fields[sizeField] ??= defaultBodyPageSize;
        // Reading a page changes nothing: a POST list is as safe to retry as a GET.
        return { ...init, body: { ...body, ...fields }, idempotent: true };
      }
      const params = init?.params ?? {};
      const query = isRecord(params.query) ? params.query : {};
      return { ...init, params: { ...params, query: { ...query, ...fields } } };
    },
    readPage(body) {
      const page = pageBody(body, itemsField);
      const reportedPage =
        shape.reportedPageField === undefined ? undefined : numberOrUndefined(page[shape.reportedPageField]);
      return {
        items: page[itemsField] as TItem[],
        totalCount: numberOrUndefined(page[totalField]),
        pageSize: shape.reportedSizeField === undefined ? undefined : numberOrUndefined(page[shape.reportedSizeField]),
        pageIndex: reportedPage === undefined ? undefined : reportedPage - firstPage,
      };
    },
  };
}
