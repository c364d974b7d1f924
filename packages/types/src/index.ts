// Hand-written entry point. The types themselves are generated into ./generated/ by `pnpm generate`.
import type { components } from "./generated/openapi.js";

export type { $defs, components, operations, paths, webhooks } from "./generated/openapi.js";

/** Any schema in the spec by name, e.g. `Schema<"Person">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

export type Person = components["schemas"]["Person"];
export type PersonCreate = components["schemas"]["PersonCreate"];
export type PersonUpdate = components["schemas"]["PersonUpdate"];
export type PersonPage = components["schemas"]["PersonPage"];

export type Organization = components["schemas"]["Organization"];
export type OrganizationCreate = components["schemas"]["OrganizationCreate"];
export type OrganizationUpdate = components["schemas"]["OrganizationUpdate"];
export type OrganizationPage = components["schemas"]["OrganizationPage"];

export type Committee = components["schemas"]["Committee"];
export type CommitteeCreate = components["schemas"]["CommitteeCreate"];
export type CommitteeUpdate = components["schemas"]["CommitteeUpdate"];
export type CommitteePage = components["schemas"]["CommitteePage"];
export type CommitteeMember = components["schemas"]["CommitteeMember"];
export type CommitteeMemberCreate = components["schemas"]["CommitteeMemberCreate"];
export type CommitteeMemberPage = components["schemas"]["CommitteeMemberPage"];

export type TokenRequest = components["schemas"]["TokenRequest"];
export type TokenResponse = components["schemas"]["TokenResponse"];
export type OAuthError = components["schemas"]["OAuthError"];
/** The API's error body (`components.schemas.Error`), renamed so it does not shadow the global `Error`. */
export type ApiError = components["schemas"]["Error"];
