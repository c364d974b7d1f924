// One contract case per operation of specs/engagifii-crm.openapi.yaml, each calling it through the
// real client (the resource helpers; every operation has one). operations.test.ts runs them, and
// coverage.test.ts reads the operationIds from this table, so an operation added to the spec
// without a case here fails the suite. The ids are the spec's example ids. Helpers are named as in
// specs/resources.yaml (document-operations.ts), so that after a spec swap this table still compiles
// and the cases whose operation is gone are skipped with the reason.
import type { CrmClient, Paginator } from "@engagifii/crm-client";
import { resourceHelper } from "./document-operations.js";

export interface ContractCase {
  operationId: string;
  /** Calls the operation once through a client that holds no token yet. */
  call(crm: CrmClient): Promise<unknown>;
}

const personId = "5b3f8a2c-9d4e-4f61-8a7b-2c1d0e9f8a76";
const organizationId = "org-acme";
const committeeId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

/** Calls `crm.<name>` (a helper of specs/resources.yaml) with these arguments. */
const call =
  (name: string, ...args: unknown[]) =>
  (crm: CrmClient) =>
    resourceHelper(crm, name)(...args) as Promise<unknown>;

/** Every item of `crm.<name>`, a paging helper. */
const everyItem =
  (name: string, ...args: unknown[]) =>
  (crm: CrmClient) =>
    (resourceHelper(crm, name)(...args) as Paginator<unknown>).toArray();

export const contractCases: readonly ContractCase[] = [
  // The client has no method for the token endpoint: its token provider calls it, through the
  // same injected fetch, before the first API request. So the honest way to reach it through the
  // client is that first request; the test then checks the recorded token exchange.
  { operationId: "requestToken", call: call("people.list") },

  { operationId: "listPeople", call: call("people.list", { pageIndex: 0, pageSize: 50 }) },
  {
    operationId: "createPerson",
    call: call(
      "people.create",
      { firstName: "Jane", lastName: "Smith", email: "jane.smith@example.com", phone: "+1-555-987-6543" },
      { idempotencyKey: "contract-create-person" },
    ),
  },
  { operationId: "getPerson", call: call("people.get", personId) },
  {
    operationId: "updatePerson",
    call: call("people.update", personId, { email: "jane.smith.updated@example.com" }),
  },
  { operationId: "deletePerson", call: call("people.delete", personId) },

  { operationId: "listOrganizations", call: call("organizations.list", { pageIndex: 0, pageSize: 50 }) },
  {
    operationId: "createOrganization",
    call: call("organizations.create", {
      name: "Engineering Department",
      type: "Department",
      parentId: organizationId,
    }),
  },
  { operationId: "getOrganization", call: call("organizations.get", organizationId) },
  {
    operationId: "updateOrganization",
    call: call("organizations.update", organizationId, { name: "Acme Corporation International" }),
  },
  { operationId: "deleteOrganization", call: call("organizations.delete", organizationId) },
  { operationId: "listOrganizationPeople", call: everyItem("organizations.people", "org-engineering") },
  { operationId: "addPersonToOrganization", call: call("organizations.addPerson", organizationId, personId) },
  {
    operationId: "removePersonFromOrganization",
    // The spec's examples make Jane a member of the Engineering Department, so the sandbox has that membership to remove.
    call: call("organizations.removePerson", "org-engineering", personId),
  },

  { operationId: "listCommittees", call: call("committees.list", { pageIndex: 0, pageSize: 50 }) },
  {
    operationId: "createCommittee",
    call: call("committees.create", {
      name: "Board of Directors",
      description: "Executive oversight committee",
      isActive: true,
    }),
  },
  { operationId: "getCommittee", call: call("committees.get", committeeId) },
  { operationId: "updateCommittee", call: call("committees.update", committeeId, { isActive: false }) },
  { operationId: "deleteCommittee", call: call("committees.delete", committeeId) },
  { operationId: "listCommitteeMembers", call: everyItem("committees.members", committeeId) },
  {
    operationId: "addCommitteeMember",
    call: call(
      "committees.addMember",
      committeeId,
      { personId, position: "Chairman", startDate: "2024-01-01" },
      { idempotencyKey: "contract-add-member" },
    ),
  },
  { operationId: "removeCommitteeMember", call: call("committees.removeMember", committeeId, personId) },
];
