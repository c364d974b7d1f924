import type { paths } from "@engagifii/crm-types";
import type { HeadersOptions } from "openapi-fetch";
import type { CrmRequestOptions, OperationSuccessJson } from "../types.js";
import type { JsonRequestBody } from "./json-request-body.js";

// The types the generated resource helpers are written in, computed from the generated `paths`.

type Operation<Path extends keyof paths, Method extends string> =
  paths[Path] extends Record<Method, infer Op> ? (Op extends Record<string | number, unknown> ? Op : never) : never;

type PathParameters<Path extends keyof paths, Method extends string> =
  Operation<Path, Method> extends { parameters: { path: infer Parameters } } ? Parameters : never;

/** The type of one path parameter of an operation. */
export type PathParameter<
  Path extends keyof paths,
  Method extends string,
  Name extends string,
> = Name extends keyof PathParameters<Path, Method> ? PathParameters<Path, Method>[Name] : string;

/** The query parameters of an operation. */
export type Query<Path extends keyof paths, Method extends string> = NonNullable<
  Operation<Path, Method> extends { parameters: { query?: infer Parameters } } ? Parameters : never
>;

/** The JSON request body of an operation. */
export type Body<Path extends keyof paths, Method extends string> = JsonRequestBody<Operation<Path, Method>>;

/** The JSON body of an operation's success; `undefined` when it has none (a 204). */
export type Success<Path extends keyof paths, Method extends string> = [
  OperationSuccessJson<Operation<Path, Method>>,
] extends [never]
  ? undefined
  : OperationSuccessJson<Operation<Path, Method>>;

/** Options of one helper call: an idempotency key for a create, a signal, extra headers, retries. */
export type OperationOptions = CrmRequestOptions & { signal?: AbortSignal; headers?: HeadersOptions };
