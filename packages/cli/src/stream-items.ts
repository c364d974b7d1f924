import type { CrmClient } from "@engagifii/crm-client";
import type { PagedOperationMetadata } from "@engagifii/crm-types";
import type { ExportFormat } from "./export/export-format.js";
import { pagedInit, pagingStrategy } from "./paging.js";

export interface ItemStream {
  crm: CrmClient;
  /** The paged operation's template, e.g. `/api/v1/organizations/{organizationId}/people`. */
  path: string;
  /** How it pages, from the document's generated metadata (GET `pageIndex`, POST `…/PagingList`, …). */
  pagingShape: PagedOperationMetadata;
  pathValues: Record<string, string>;
  query: Record<string, unknown>;
  /** Fields for a POST-paged body, beside the page fields. */
  body: Record<string, unknown> | undefined;
  pageSize: number;
  format: ExportFormat;
  /** Resolves once the text is written (stdout's back-pressure keeps memory to a page or two). */
  write(text: string): Promise<void>;
  /** Stops paging and the page request in flight (`stdoutClosed`: nobody reads the output any more). */
  signal?: AbortSignal;
}

/** Every item of a paged operation, page after page, written in a format as each page arrives. */
export async function streamItems(stream: ItemStream): Promise<{ items: number; pages: number }> {
  const { pagingShape: shape, query } = stream;
  const init = pagedInit(shape, stream.pathValues, shape.location === "body" ? stream.body : query, stream.pageSize);
  if (shape.location === "body" && Object.keys(query).length > 0) init.params = { ...init.params, query };
  const pages = stream.crm
    .paginateWith(pagingStrategy<Record<string, unknown>>(shape), stream.path, init, {
      itemKey: false,
      ...(stream.signal ? { signal: stream.signal } : {}),
    })
    .pages();
  let items = 0;
  let count = 0;
  await stream.write(stream.format.start());
  for await (const page of pages) {
    await stream.write(stream.format.page(page, items === 0));
    items += page.length;
    count += 1;
  }
  await stream.write(stream.format.end());
  return { items, pages: count };
}
