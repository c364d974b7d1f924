// Hand-written: the shapes of the metadata that `pnpm generate` writes into ./generated/operations.ts.

/** One operation of the document. */
export interface OperationMetadata {
  /** Lower case, as in `paths`: `get`, `post`, … */
  readonly method: string;
  readonly path: string;
  readonly operationId: string | undefined;
}

/**
 * How a paged operation pages, read from its document: `{ data, totalCount, pageIndex, pageSize }`
 * for a GET with `pageIndex`/`pageSize`, `{ result, totalCount, itemCount }` for a POST with a
 * `pageNumber` (1-based) and `itemCount` body, and the like.
 */
export interface PagedOperationMetadata {
  readonly method: "get" | "post";
  /** `query` for a GET, `body` for a POST. */
  readonly location: "query" | "body";
  /** The request field that takes the page position. */
  readonly pageField: string;
  /** The position of the first page: 0 (`pageIndex`) or 1 (`pageNumber`, `page`). */
  readonly firstPage: 0 | 1;
  /** The request field that takes the page size, when there is one. */
  readonly sizeField?: string;
  /** The response field holding the page's items. */
  readonly itemsField: string;
  /** The response field holding the number of items in the whole list. */
  readonly totalField: string;
  /** The response field in which the server reports its page size, when there is one. */
  readonly reportedSizeField?: string;
  /** The response field in which the server reports the page it returned, when there is one. */
  readonly reportedPageField?: string;
}

/** The document's OAuth2 client-credentials flow. */
export interface TokenMetadata {
  /** Absolute, or a path the client appends to its base URL; undefined when the document has none. */
  readonly tokenUrl: string | undefined;
  readonly scopes: readonly string[];
}
