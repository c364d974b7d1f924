// Hand-written cases for our guide's operations (specs/engagifii-crm.openapi.yaml), by operationId:
// realistic bodies, the guide's example ids, and each through its resource helper (named as in
// specs/resources.yaml), with the options an integrator passes. They run besides the generated case
// every operation gets (generated-case.ts), and only where the document has their operation, so
// that after a spec swap this table still compiles and simply has nothing to add.
import type { CrmClient, Paginator } from "@engagifii/crm-client";
import type { ContractCase } from "./contract-case.js";
import { resourceHelper } from "./document-operations.js";

type HandWrittenCase = Pick<ContractCase, "operationId"> & { call(crm: CrmClient): Promise<unknown> };

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

const cases: readonly HandWrittenCase[] = [
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

/** The hand-written cases for the operations among `operationIds`. */
export function handWrittenCases(operationIds: ReadonlySet<string>): ContractCase[] {
  return cases
    .filter(({ operationId }) => operationIds.has(operationId))
    .map(({ operationId, call }) => ({ name: `${operationId} (hand-written)`, operationId, problems: [], call }));
}
