import type { CommitteeCreate, CommitteeMemberCreate, CommitteeUpdate, paths } from "@engagifii/crm-types";
import type { CrmClient } from "../create-client.js";
import type { PaginateOptions } from "../pagination/paginator.js";
import { unwrap } from "../unwrap.js";
import { withQuery } from "./with-query.js";
import type { WriteOptions } from "./write-options.js";

type ListQuery = NonNullable<paths["/api/v1/committees"]["get"]["parameters"]["query"]>;

/** Committees and their members. Every method throws a CrmApiError on failure. */
export function createCommittees(crm: CrmClient) {
  const path = (committeeId: string) => ({ params: { path: { committeeId } } });
  return {
    list: async (query?: ListQuery) => unwrap(await crm.GET("/api/v1/committees", withQuery(query))),
    iterate: (query?: Omit<ListQuery, "pageIndex">, options?: PaginateOptions) =>
      crm.paginate("/api/v1/committees", withQuery(query), options),
    get: async (committeeId: string) => unwrap(await crm.GET("/api/v1/committees/{committeeId}", path(committeeId))),
    create: async (committee: CommitteeCreate, options?: WriteOptions) =>
      unwrap(await crm.POST("/api/v1/committees", { body: committee, ...options })),
    update: async (committeeId: string, changes: CommitteeUpdate) =>
      unwrap(await crm.PUT("/api/v1/committees/{committeeId}", { ...path(committeeId), body: changes })),
    delete: async (committeeId: string): Promise<void> => {
      unwrap(await crm.DELETE("/api/v1/committees/{committeeId}", path(committeeId)));
    },
    /** The committee's members, page by page. */
    members: (committeeId: string, options?: PaginateOptions) =>
      crm.paginate("/api/v1/committees/{committeeId}/members", path(committeeId), options),
    /** Adds a member. Pass an idempotencyKey to make retries safe. */
    addMember: async (committeeId: string, member: CommitteeMemberCreate, options?: WriteOptions) =>
      unwrap(
        await crm.POST("/api/v1/committees/{committeeId}/members", { ...path(committeeId), body: member, ...options }),
      ),
    removeMember: async (committeeId: string, personId: string): Promise<void> => {
      unwrap(
        await crm.DELETE("/api/v1/committees/{committeeId}/members/{personId}", {
          params: { path: { committeeId, personId } },
        }),
      );
    },
  };
}
