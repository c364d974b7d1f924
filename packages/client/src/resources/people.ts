import type { PersonCreate, PersonUpdate, paths } from "@engagifii/crm-types";
import type { CrmClient } from "../create-client.js";
import type { PaginateOptions } from "../pagination/paginator.js";
import { unwrap } from "../unwrap.js";
import { withQuery } from "./with-query.js";
import type { WriteOptions } from "./write-options.js";

type ListQuery = NonNullable<paths["/api/v1/people"]["get"]["parameters"]["query"]>;

/** People: the guide's contact-sync workflow. Every method throws a CrmApiError on failure. */
export function createPeople(crm: CrmClient) {
  return {
    /** One page of people. */
    list: async (query?: ListQuery) => unwrap(await crm.GET("/api/v1/people", withQuery(query))),
    /** Every person, page by page. */
    iterate: (query?: Omit<ListQuery, "pageIndex">, options?: PaginateOptions) =>
      crm.paginate("/api/v1/people", withQuery(query), options),
    get: async (personId: string) =>
      unwrap(await crm.GET("/api/v1/people/{personId}", { params: { path: { personId } } })),
    /** Creates a person. Pass an idempotencyKey to make retries safe. */
    create: async (person: PersonCreate, options?: WriteOptions) =>
      unwrap(await crm.POST("/api/v1/people", { body: person, ...options })),
    /** Updates the given fields of a person. */
    update: async (personId: string, changes: PersonUpdate) =>
      unwrap(await crm.PUT("/api/v1/people/{personId}", { params: { path: { personId } }, body: changes })),
    delete: async (personId: string): Promise<void> => {
      unwrap(await crm.DELETE("/api/v1/people/{personId}", { params: { path: { personId } } }));
    },
  };
}
