import type { CrmClientOptions } from "./config.js";
import { type CrmCoreClient, createCrmCoreClient } from "./create-core-client.js";
import { type CrmResources, createResources } from "./generated/resources.js";

/** The core client plus the resource helpers that specs/resources.yaml lists (people, organizations, committees). */
export interface CrmClient extends CrmCoreClient, CrmResources {
  /** A client for another tenant that shares this one's token cache and rate limiter. */
  withTenant(tenantCode: string): CrmClient;
}

/** Creates a client. Options fall back to ENGAGIFII_* environment variables; bad ones throw here. */
export function createCrmClient(options: CrmClientOptions = {}): CrmClient {
  return withResources(createCrmCoreClient(options));
}

/** Adds the resource helpers to a core client; each is built on first use. */
function withResources(core: CrmCoreClient): CrmClient {
  const resources = createResources(core);
  const client = { ...core, withTenant: (tenantCode: string) => withResources(core.withTenant(tenantCode)) };
  // The getters stay getters, so that each helper is still built on first use.
  return Object.defineProperties(client, Object.getOwnPropertyDescriptors(resources)) as CrmClient;
}
