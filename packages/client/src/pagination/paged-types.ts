import type { PagedOperations, paths } from "@engagifii/crm-types";
import type { HeadersOptions } from "openapi-fetch";
import type { RequiredKeysOf } from "openapi-typescript-helpers";
import type { JsonRequestBody } from "../resources/json-request-body.js";
import type { CrmRequestOptions, OperationSuccessJson } from "../types.js";

/** The paths `crm.paginate` takes: every paged operation the generated metadata lists, GET or POST. */
export type PagedPath = keyof PagedOperations & keyof paths;

type Shape<Path extends PagedPath> = PagedOperations[Path];
type Operation<Path extends PagedPath> = paths[Path][Shape<Path>["method"] & keyof paths[Path]];
type ParametersOf<Op> = Op extends { parameters: infer Parameters } ? Parameters : never;
type FieldOf<S, Key extends string> = S extends Record<Key, infer Field extends string> ? Field : never;
/** The fields the paginator sets: the page position always, the size only when the caller leaves it out. */
type PageFree<T, Path extends PagedPath> = T extends object
  ? Omit<T, FieldOf<Shape<Path>, "pageField"> | FieldOf<Shape<Path>, "sizeField">> &
      Partial<Pick<T, FieldOf<Shape<Path>, "sizeField"> & keyof T>>
  : T;

type PathPart<Op> =
  ParametersOf<Op> extends { path: infer PathParameters }
    ? [PathParameters] extends [never | undefined]
      ? unknown
      : { params: { path: PathParameters } }
    : unknown;
type QueryPart<Op, Path extends PagedPath> =
  ParametersOf<Op> extends { query?: infer Query }
    ? [NonNullable<Query>] extends [never]
      ? unknown
      : { params?: { query?: PageFree<NonNullable<Query>, Path> } }
    : unknown;
type BodyPart<Op, Path extends PagedPath> = [JsonRequestBody<Op>] extends [never]
  ? unknown
  : { body?: PageFree<JsonRequestBody<Op>, Path> };

/**
 * What `crm.paginate(path, init)` takes for a path: its path parameters, and its query or body
 * without the page fields, which the paginator fills in (a page size may be given).
 */
export type PaginateInit<Path extends PagedPath> = PathPart<Operation<Path>> &
  QueryPart<Operation<Path>, Path> &
  BodyPart<Operation<Path>, Path> &
  CrmRequestOptions & { headers?: HeadersOptions; signal?: AbortSignal };

/** `[init, options?]`, with init optional when nothing in it is required. */
export type PaginateArguments<Path extends PagedPath, Options> =
  RequiredKeysOf<PaginateInit<Path>> extends never
    ? [init?: PaginateInit<Path>, options?: Options]
    : [init: PaginateInit<Path>, options?: Options];

/** The item type of a paged path: the element of its response's items array. */
export type PageItem<Path extends PagedPath> =
  NonNullable<
    OperationSuccessJson<Operation<Path>>[FieldOf<Shape<Path>, "itemsField"> &
      keyof OperationSuccessJson<Operation<Path>>]
  > extends readonly (infer Item)[]
    ? Item
    : unknown;

type QueryOf<Op> = Op extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;

/** The query (GET) or body (POST) of a paged operation without the page fields, as the resource helpers take it. */
export type PageRequest<Path extends PagedPath> = Shape<Path>["location"] extends "body"
  ? PageFree<JsonRequestBody<Operation<Path>>, Path>
  : PageFree<QueryOf<Operation<Path>>, Path>;
