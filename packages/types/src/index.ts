// Hand-written entry point. The types, the schema aliases and the operation metadata are generated
// into ./generated/ by `pnpm generate`.
import type { components } from "./generated/openapi.js";

export type { $defs, components, operations, paths, webhooks } from "./generated/openapi.js";
export {
  operationList,
  type PagedOperations,
  pagedOperations,
  tokenMetadata,
} from "./generated/operations.js";
export * from "./generated/schemas.js";
export type { OperationMetadata, PagedOperationMetadata, TokenMetadata } from "./metadata.js";

/** Any schema in the spec by name, e.g. `Schema<"Person">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];
