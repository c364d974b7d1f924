import type { CrmClient } from "@engagifii/crm-client";
import { pagedInit, pagingShape, pagingStrategy } from "../paging.js";
import { callResource, type OperationReference } from "../resource-table.js";

/** One page of a list, read through the fields the document names (`data` or `result`, `totalCount`, …). */
export interface ListedPage {
  items: Record<string, unknown>[];
  totalCount: number | undefined;
  /** The page as the API answered it, for --json. */
  body: unknown;
}

/**
 * Page `pageIndex` (zero-based, whatever the API counts from) of a list operation. A list the
 * document does not page is called once, and an array answer is its items.
 */
export async function listPage(
  crm: CrmClient,
  list: OperationReference,
  pageIndex: number,
  pageSize: number,
): Promise<ListedPage> {
  const shape = pagingShape(list.path);
  if (!shape) {
    const body = await callResource(crm, list);
    return { items: Array.isArray(body) ? body : [], totalCount: undefined, body };
  }
  const strategy = pagingStrategy<Record<string, unknown>>(shape);
  const init = strategy.pageRequest(pagedInit(shape, {}, undefined, pageSize), pageIndex);
  const request = {
    path: {},
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.params?.query !== undefined ? { query: init.params.query as Record<string, unknown> } : {}),
  };
  const body = await callResource(crm, list, request);
  const page = strategy.readPage(body);
  return { items: page.items, totalCount: page.totalCount, body };
}
