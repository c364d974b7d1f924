import type { Organization, OrganizationCreate, OrganizationUpdate, paths } from "@engagifii/crm-types";
import type { CrmClient } from "../create-client.js";
import type { PaginateOptions } from "../pagination/paginator.js";
import { unwrap } from "../unwrap.js";
import { buildTree, type OrganizationNode } from "./organization-tree.js";
import { withQuery } from "./with-query.js";
import type { WriteOptions } from "./write-options.js";

type ListQuery = NonNullable<paths["/api/v1/organizations"]["get"]["parameters"]["query"]>;
type PeopleQuery = NonNullable<paths["/api/v1/organizations/{organizationId}/people"]["get"]["parameters"]["query"]>;

/** Organizations and their hierarchy. Every method throws a CrmApiError on failure. */
export function createOrganizations(crm: CrmClient) {
  const path = (organizationId: string) => ({ params: { path: { organizationId } } });
  const membership = (organizationId: string, personId: string) => ({ params: { path: { organizationId, personId } } });
  return {
    /** One page of organizations; `parentId` lists the children of one organization. */
    list: async (query?: ListQuery) => unwrap(await crm.GET("/api/v1/organizations", withQuery(query))),
    iterate: (query?: Omit<ListQuery, "pageIndex">, options?: PaginateOptions) =>
      crm.paginate("/api/v1/organizations", withQuery(query), options),
    get: async (organizationId: string) =>
      unwrap(await crm.GET("/api/v1/organizations/{organizationId}", path(organizationId))),
    create: async (organization: OrganizationCreate, options?: WriteOptions) =>
      unwrap(await crm.POST("/api/v1/organizations", { body: organization, ...options })),
    update: async (organizationId: string, changes: OrganizationUpdate) =>
      unwrap(await crm.PUT("/api/v1/organizations/{organizationId}", { ...path(organizationId), body: changes })),
    delete: async (organizationId: string): Promise<void> => {
      unwrap(await crm.DELETE("/api/v1/organizations/{organizationId}", path(organizationId)));
    },
    /** The people in an organization, page by page. */
    people: (organizationId: string, query?: Omit<PeopleQuery, "pageIndex">, options?: PaginateOptions) =>
      crm.paginate("/api/v1/organizations/{organizationId}/people", withQuery(query, { organizationId }), options),
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
