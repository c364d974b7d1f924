import { metadataStrategy, type PageInit, type PageStrategy } from "@engagifii/crm-client";
import { type PagedOperationMetadata, pagedOperations } from "@engagifii/crm-types";
import { usageError } from "./cli-error.js";

/**
 * How a path of the document pages (GET with `?pageIndex=…`, `POST …/PagingList` with
 * `{ pageNumber, itemCount }`, …), from the metadata generated beside the types. The CLI knows no
 * paging shape of its own, so a swapped document only needs `pnpm generate`.
 */
export function pagingShape(templatePath: string): PagedOperationMetadata | undefined {
  return (pagedOperations as Record<string, PagedOperationMetadata>)[templatePath];
}

/** The shape of a paged path; a usage error when the document does not page it. */
export function requirePagingShape(method: string, templatePath: string): PagedOperationMetadata {
  const shape = pagingShape(templatePath);
  if (shape === undefined || shape.method !== method.toLowerCase()) {
    throw usageError(
      `${method.toUpperCase()} ${templatePath} is not a paged list`,
      "--paginate works on list operations",
    );
  }
  return shape;
}

export function pagingStrategy<TItem>(shape: PagedOperationMetadata): PageStrategy<TItem> {
  return metadataStrategy<TItem>(shape);
}

/**
 * The request for a paged operation: the caller's fields go into the query of a GET or the body
 * of a POST, the page size into the field the document names (when it has one).
 */
export function pagedInit(
  shape: PagedOperationMetadata,
  pathValues: Record<string, string>,
  fields: Record<string, unknown> | undefined,
  pageSize?: number,
): PageInit {
  const request = { ...fields, ...(pageSize !== undefined && shape.sizeField ? { [shape.sizeField]: pageSize } : {}) };
  const params: Record<string, unknown> = { path: pathValues };
  if (shape.location === "body") return { params, body: request };
  if (Object.keys(request).length > 0) params.query = request;
  return { params };
}
