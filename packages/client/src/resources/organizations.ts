import type { Organization } from "@engagifii/crm-types";
import type { CrmCoreClient } from "../create-core-client.js";
import type { PaginateOptions } from "../pagination/paginator.js";
import { unwrap } from "../unwrap.js";
import { crud } from "./crud.js";
import { buildTree, type OrganizationNode } from "./organization-tree.js";

/** Organizations, their members and their hierarchy. Every method throws a CrmApiError on failure. */
export function createOrganizations(crm: CrmCoreClient) {
  const membership = (organizationId: string, personId: string) => ({ params: { path: { organizationId, personId } } });
  return {
    ...crud(crm, "/api/v1/organizations", "/api/v1/organizations/{organizationId}", "organizationId"),
    /** The people in an organization, page by page. */
    people: (organizationId: string, options?: PaginateOptions) =>
      crm.paginate("/api/v1/organizations/{organizationId}/people", { params: { path: { organizationId } } }, options),
    /** Adds a person to an organization; adding a member again changes nothing. */
    addPerson: async (organizationId: string, personId: string): Promise<void> => {
      unwrap(
        await crm.PUT("/api/v1/organizations/{organizationId}/people/{personId}", membership(organizationId, personId)),
      );
    },
    removePerson: async (organizationId: string, personId: string): Promise<void> => {
      unwrap(
        await crm.DELETE(
          "/api/v1/organizations/{organizationId}/people/{personId}",
          membership(organizationId, personId),
        ),
      );
    },
    /** Every organization, arranged as a forest of parents and children. */
    tree: async (options?: PaginateOptions): Promise<OrganizationNode<Organization>[]> =>
      buildTree(await crm.paginate("/api/v1/organizations", undefined, options).toArray()),
  };
}
