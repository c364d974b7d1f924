import type { CrmClientOptions } from "./config.js";
import { type CrmCoreClient, createCrmCoreClient } from "./create-core-client.js";
import { createCommittees } from "./resources/committees.js";
import { createOrganizations } from "./resources/organizations.js";
import { createPeople } from "./resources/people.js";

/** The core client plus the resource helpers for the guide's workflows. */
export interface CrmClient extends CrmCoreClient {
  /** A client for another tenant that shares this one's token cache and rate limiter. */
  withTenant(tenantCode: string): CrmClient;
  readonly people: ReturnType<typeof createPeople>;
  readonly organizations: ReturnType<typeof createOrganizations>;
  readonly committees: ReturnType<typeof createCommittees>;
}

/** Creates a client. Options fall back to ENGAGIFII_* environment variables; bad ones throw here. */
export function createCrmClient(options: CrmClientOptions = {}): CrmClient {
  return withResources(createCrmCoreClient(options));
}

/** Adds the resource helpers to a core client; each is built on first use. */
function withResources(core: CrmCoreClient): CrmClient {
  let people: CrmClient["people"] | undefined;
  let organizations: CrmClient["organizations"] | undefined;
  let committees: CrmClient["committees"] | undefined;
  return {
    ...core,
    withTenant: (tenantCode) => withResources(core.withTenant(tenantCode)),
    get people() {
      people ??= createPeople(core);
      return people;
    },
    get organizations() {
      organizations ??= createOrganizations(core);
      return organizations;
    },
    get committees() {
      committees ??= createCommittees(core);
      return committees;
    },
  };
}
