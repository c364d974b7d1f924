export type { AccessTokenFunction, AccessTokenResult } from "./auth/token-provider.js";
export {
  type CrmClientOptions,
  defaultBaseUrl,
  defaultMaxResponseBytes,
  type FetchFunction,
  type RateLimitOptions,
} from "./config.js";
export { type CrmClient, createCrmClient } from "./create-client.js";
export { type CrmCoreClient, createCrmCoreClient } from "./create-core-client.js";
export {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  CrmApiError,
  CrmError,
  type FieldErrors,
  InvalidResponseError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  type RequestContext,
  ServerError,
  TimeoutError,
  ValidationError,
} from "./errors.js";
export * from "./generated/resources.js";
export type { CrmClientHooks, RateLimitEvent, RetryEvent, TokenRefreshEvent } from "./hooks.js";
export type { Logger, LogLevel } from "./logging/logger.js";
export { metadataStrategy } from "./pagination/metadata-strategy.js";
export { pageIndexStrategy } from "./pagination/page-index-strategy.js";
export type { PageContents, PageInit, PageStrategy } from "./pagination/page-strategy.js";
export type { PagedPath, PageItem, PageRequest, PaginateInit } from "./pagination/paged-types.js";
export type { PaginateMethods } from "./pagination/paginate-methods.js";
export { type PaginateOptions, Paginator } from "./pagination/paginator.js";
export { type PagingListOptions, pagingListStrategy } from "./pagination/paging-list-strategy.js";
export type {
  Body,
  OperationOptions,
  OperationOptions as WriteOptions,
  PathParameter,
  Query,
  Success,
} from "./resources/operation-types.js";
export { buildTree, type OrganizationNode } from "./resources/organization-tree.js";
export {
  createMemoryRateLimitStore,
  type MemoryRateLimitStore,
  type MemoryStoreOptions,
} from "./stores/memory-rate-limit-store.js";
export { createMemoryTokenStore } from "./stores/memory-token-store.js";
export type { RateLimit, RateLimitStore, SlotDecision } from "./stores/rate-limit-store.js";
export type { StoredToken, TokenStore } from "./stores/token-store.js";
export type { Clock } from "./transport/clock.js";
export { deletedEarlierHeader } from "./transport/deleted-earlier.js";
export type { CrmMethod, CrmRequestOptions, CrmResponse, GetInit, SuccessBody } from "./types.js";
export { type FetchResult, type SuccessData, unwrap } from "./unwrap.js";
