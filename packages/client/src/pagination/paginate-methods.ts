import { pagedOperations } from "@engagifii/crm-types";
import type { FetchResult } from "../unwrap.js";
import { unwrap } from "../unwrap.js";
import { metadataStrategy } from "./metadata-strategy.js";
import type { PageInit, PageStrategy } from "./page-strategy.js";
import type { PagedPath, PageItem, PaginateArguments } from "./paged-types.js";
import { type PaginateOptions, Paginator } from "./paginator.js";

/** `crm.paginate` and `crm.paginateWith`. */
export interface PaginateMethods {
  /**
   * Every item of a paged operation, GET or POST (`{ data, totalCount, pageIndex, pageSize }`,
   * `POST …/PagingList` with `{ result, totalCount, itemCount }`, …), fetching pages as needed. How
   * the path pages comes from the API document; the page fields are filled in for you.
   */
  paginate<Path extends PagedPath>(
    path: Path,
    ...args: PaginateArguments<Path, PaginateOptions>
  ): Paginator<PageItem<Path>>;
  /** Pages any shape a strategy describes, for an operation the document does not describe as paged. */
  paginateWith<TItem>(
    strategy: PageStrategy<TItem>,
    path: string,
    init?: PageInit,
    options?: PaginateOptions,
  ): Paginator<TItem>;
}

/** Sends one request through the client: method in upper case, the path as in the document. */
export type SendRequest = (
  method: "GET" | "POST",
  path: string,
  init: Record<string, unknown>,
) => Promise<FetchResult<unknown, unknown>>;

const pageMethods = new Set(["GET", "POST"]);

export function createPaginateMethods(send: SendRequest): PaginateMethods {
  const methods: PaginateMethods = {
    paginate(path, ...args) {
      const shape = (pagedOperations as Record<string, (typeof pagedOperations)[PagedPath]>)[path];
      if (shape === undefined)
        throw new TypeError(`${String(path)} is not a paged operation of the API document; use paginateWith`);
      const [init, options] = args as unknown as [PageInit | undefined, PaginateOptions | undefined];
      return methods.paginateWith(metadataStrategy(shape), path, init, options) as never;
    },
    paginateWith(strategy, path, init, options) {
      const method = String(strategy.method).toUpperCase() as "GET" | "POST";
      if (!pageMethods.has(method)) throw new TypeError(`strategy.method must be GET or POST, got ${strategy.method}`);
      // Each page request carries the run's signal, which follows the caller's.
      const fetchPage = async (index: number, signal: AbortSignal, pageSize?: number) =>
        unwrap(await send(method, path, { ...strategy.pageRequest(init, index, pageSize), signal }));
      const callerSignal = (init?.signal as AbortSignal | undefined) ?? options?.signal;
      return new Paginator(fetchPage, strategy, callerSignal ? { ...options, signal: callerSignal } : options);
    },
  };
  return methods;
}
