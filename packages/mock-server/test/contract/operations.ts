// One contract case per operation of specs/engagifii-crm.openapi.yaml, each calling it through the
// real client (the resource helpers; every operation has one). operations.test.ts runs them, and
// coverage.test.ts reads the operationIds from this table, so an operation added to the spec
// without a case here fails the suite. The ids are the spec's example ids.
import type { CrmClient } from "@engagifii/crm-client";

export interface ContractCase {
  operationId: string;
  /** Calls the operation once through a client that holds no token yet. */
  call(crm: CrmClient): Promise<unknown>;
}

const personId = "5b3f8a2c-9d4e-4f61-8a7b-2c1d0e9f8a76";
const organizationId = "org-acme";
const committeeId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

export const contractCases: readonly ContractCase[] = [
  // The client has no method for the token endpoint: its token provider calls it, through the
  // same injected fetch, before the first API request. So the honest way to reach it through the
  // client is that first request; the test then checks the recorded token exchange.
  { operationId: "requestToken", call: (crm) => crm.people.list() },

  { operationId: "listPeople", call: (crm) => crm.people.list({ pageIndex: 0, pageSize: 50 }) },
  {
    operationId: "createPerson",
    call: (crm) =>
      crm.people.create(
        { firstName: "Jane", lastName: "Smith", email: "jane.smith@example.com", phone: "+1-555-987-6543" },
        { idempotencyKey: "contract-create-person" },
      ),
  },
  { operationId: "getPerson", call: (crm) => crm.people.get(personId) },
  {
    operationId: "updatePerson",
    call: (crm) => crm.people.update(personId, { email: "jane.smith.updated@example.com" }),
  },
  { operationId: "deletePerson", call: (crm) => crm.people.delete(personId) },

  { operationId: "listOrganizations", call: (crm) => crm.organizations.list({ pageIndex: 0, pageSize: 50 }) },
  {
    operationId: "createOrganization",
    call: (crm) =>
      crm.organizations.create({ name: "Engineering Department", type: "Department", parentId: organizationId }),
  },
  { operationId: "getOrganization", call: (crm) => crm.organizations.get(organizationId) },
  {
    operationId: "updateOrganization",
    call: (crm) => crm.organizations.update(organizationId, { name: "Acme Corporation International" }),
  },
  { operationId: "deleteOrganization", call: (crm) => crm.organizations.delete(organizationId) },
  { operationId: "listOrganizationPeople", call: (crm) => crm.organizations.people("org-engineering").toArray() },
  { operationId: "addPersonToOrganization", call: (crm) => crm.organizations.addPerson(organizationId, personId) },
  {
    operationId: "removePersonFromOrganization",
    // The spec's examples make Jane a member of the Engineering Department, so the sandbox has that membership to remove.
    call: (crm) => crm.organizations.removePerson("org-engineering", personId),
  },

  { operationId: "listCommittees", call: (crm) => crm.committees.list({ pageIndex: 0, pageSize: 50 }) },
  {
    operationId: "createCommittee",
    call: (crm) =>
      crm.committees.create({
        name: "Board of Directors",
        description: "Executive oversight committee",
        isActive: true,
      }),
  },
  { operationId: "getCommittee", call: (crm) => crm.committees.get(committeeId) },
  { operationId: "updateCommittee", call: (crm) => crm.committees.update(committeeId, { isActive: false }) },
  { operationId: "deleteCommittee", call: (crm) => crm.committees.delete(committeeId) },
  { operationId: "listCommitteeMembers", call: (crm) => crm.committees.members(committeeId).toArray() },
  {
    operationId: "addCommitteeMember",
    call: (crm) =>
      crm.committees.addMember(
        committeeId,
        { personId, position: "Chairman", startDate: "2024-01-01" },
        { idempotencyKey: "contract-add-member" },
      ),
  },
  { operationId: "removeCommitteeMember", call: (crm) => crm.committees.removeMember(committeeId, personId) },
];
