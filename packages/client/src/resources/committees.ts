import type { CommitteeMemberCreate } from "@engagifii/crm-types";
import type { CrmCoreClient } from "../create-core-client.js";
import type { PaginateOptions } from "../pagination/paginator.js";
import { unwrap } from "../unwrap.js";
import { crud } from "./crud.js";
import type { WriteOptions } from "./write-options.js";

/** Committees and their members. Every method throws a CrmApiError on failure. */
export function createCommittees(crm: CrmCoreClient) {
  const at = (committeeId: string) => ({ params: { path: { committeeId } } });
  return {
    ...crud(crm, "/api/v1/committees", "/api/v1/committees/{committeeId}", "committeeId"),
    /** The committee's members, page by page. */
    members: (committeeId: string, options?: PaginateOptions) =>
      crm.paginate("/api/v1/committees/{committeeId}/members", at(committeeId), options),
    /** Adds a member. Pass an idempotencyKey to make retries safe. */
    addMember: async (committeeId: string, member: CommitteeMemberCreate, options?: WriteOptions) =>
      unwrap(
        await crm.POST("/api/v1/committees/{committeeId}/members", { ...at(committeeId), body: member, ...options }),
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
