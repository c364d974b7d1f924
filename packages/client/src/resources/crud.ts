import type { paths } from "@engagifii/crm-types";
import type { PathsWithMethod, RequestBodyJSON } from "openapi-typescript-helpers";
import type { CrmCoreClient } from "../create-core-client.js";
import { pageIndexStrategy } from "../pagination/page-index-strategy.js";
import type { PaginateOptions, Paginator } from "../pagination/paginator.js";
import type { PagedPath, PageItem, SuccessBody } from "../types.js";
import { unwrap } from "../unwrap.js";
import type { WriteOptions } from "./write-options.js";

type Operation<Path extends keyof paths, Method extends string> =
  paths[Path] extends Record<Method, infer Op> ? (Op extends Record<string | number, unknown> ? Op : never) : never;
type Success<Path extends keyof paths, Method extends "get" | "post" | "put"> = SuccessBody<Path, Method>;
type Body<Path extends keyof paths, Method extends string> = RequestBodyJSON<Operation<Path, Method>>;
type Query<Path extends keyof paths> = NonNullable<
  Operation<Path, "get"> extends { parameters: { query?: infer Q } } ? Q : never
>;

/** A collection path (`/api/v1/people`): a paged GET and a POST. */
type CollectionPath = PagedPath & PathsWithMethod<paths, "post">;
/** An item path (`/api/v1/people/{personId}`): GET, PUT and DELETE. */
type ItemPath = PathsWithMethod<paths, "get"> & PathsWithMethod<paths, "put"> & PathsWithMethod<paths, "delete">;

/**
 * list, iterate, get, create, update and delete for one resource. The paths are checked against
 * the generated `paths`, so an operation the spec drops is a type error here, not a runtime 404.
 */
export function crud<Collection extends CollectionPath, Item extends ItemPath>(
  crm: CrmCoreClient,
  collection: Collection,
  item: Item,
  idName: string,
) {
  const at = (id: string) => ({ params: { path: { [idName]: id } } }) as never;
  return {
    /** One page. */
    list: async (query?: Query<Collection>): Promise<Success<Collection, "get">> =>
      unwrap(await crm.GET(collection, (query ? { params: { query } } : {}) as never)) as never,
    /** Every item, page by page. */
    iterate: (
      query?: Omit<Query<Collection>, "pageIndex">,
      options?: PaginateOptions,
    ): Paginator<PageItem<Collection>> =>
      crm.paginateWith(
        pageIndexStrategy<PageItem<Collection>>(),
        collection,
        query ? { params: { query } } : undefined,
        options,
      ),
    get: async (id: string): Promise<Success<Item, "get">> => unwrap(await crm.GET(item, at(id))) as never,
    /** Creates one. Pass an idempotencyKey to make retries safe. */
    create: async (body: Body<Collection, "post">, options?: WriteOptions): Promise<Success<Collection, "post">> =>
      unwrap(await crm.POST(collection, { body, ...options } as never)) as never,
    /** Changes the given fields. */
    update: async (id: string, changes: Body<Item, "put">): Promise<Success<Item, "put">> =>
      unwrap(await crm.PUT(item, { ...(at(id) as object), body: changes } as never)) as never,
    delete: async (id: string): Promise<void> => {
      unwrap(await crm.DELETE(item, at(id)));
    },
  };
}
