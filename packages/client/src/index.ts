export { type CrmClientOptions, defaultBaseUrl, type FetchFunction, type RateLimitOptions } from "./config.js";
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
export type { CrmClientHooks, RateLimitEvent, RetryEvent, TokenRefreshEvent } from "./hooks.js";
export type { Logger, LogLevel } from "./logging/logger.js";
export { pageIndexStrategy } from "./pagination/page-index-strategy.js";
export type { PageContents, PageInit, PageStrategy } from "./pagination/page-strategy.js";
export { type PaginateOptions, Paginator } from "./pagination/paginator.js";
export { type PagingListOptions, pagingListStrategy } from "./pagination/paging-list-strategy.js";
export { createCommittees } from "./resources/committees.js";
export { buildTree, type OrganizationNode } from "./resources/organization-tree.js";
export { createOrganizations } from "./resources/organizations.js";
export { createPeople } from "./resources/people.js";
export type { WriteOptions } from "./resources/write-options.js";
export type { RateLimit, RateLimitStore, SlotDecision } from "./stores/rate-limit-store.js";
export type { StoredToken, TokenStore } from "./stores/token-store.js";
export type {
  CrmMethod,
  CrmRequestOptions,
  CrmResponse,
  GetInit,
  PagedPath,
  PageItem,
  SuccessBody,
} from "./types.js";
export { type FetchResult, type SuccessData, unwrap } from "./unwrap.js";
