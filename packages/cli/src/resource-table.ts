// The one place that maps the CLI's resource commands onto the client's resource helpers and the
// document's operations. Everything else is driven by this table, so it can later be generated
// from specs/resources.yaml without touching the commands.
import type { CrmClient } from "@engagifii/crm-client";

export interface ResourceEntry {
  /** The command: `engagifii people …`. */
  command: string;
  /** One record, for messages: "person". */
  singular: string;
  /** The helper on the client: `crm.people`. */
  helper: "people" | "organizations" | "committees";
  /** The document's operations behind list, get, create, update and delete. */
  operations: { list: string; get: string; create: string; update: string; delete: string };
  /** The columns of the readable table (fields of the list's item schema). */
  columns: string[];
}

export const resourceTable: readonly ResourceEntry[] = [
  {
    command: "people",
    singular: "person",
    helper: "people",
    operations: {
      list: "listPeople",
      get: "getPerson",
      create: "createPerson",
      update: "updatePerson",
      delete: "deletePerson",
    },
    columns: ["id", "firstName", "lastName", "email", "isActive"],
  },
  {
    command: "organizations",
    singular: "organization",
    helper: "organizations",
    operations: {
      list: "listOrganizations",
      get: "getOrganization",
      create: "createOrganization",
      update: "updateOrganization",
      delete: "deleteOrganization",
    },
    columns: ["id", "name", "type", "parentId"],
  },
  {
    command: "committees",
    singular: "committee",
    helper: "committees",
    operations: {
      list: "listCommittees",
      get: "getCommittee",
      create: "createCommittee",
      update: "updateCommittee",
      delete: "deleteCommittee",
    },
    columns: ["id", "name", "description"],
  },
];

/** The entry for a command name; the caller has already checked that it exists. */
export function resourceEntry(command: string): ResourceEntry {
  const entry = resourceTable.find((candidate) => candidate.command === command);
  if (!entry) throw new Error(`no resource named ${command}`);
  return entry;
}

/** The helper's methods, seen through the shape every resource shares. */
export interface ResourceHelper {
  list(query?: Record<string, unknown>): Promise<unknown>;
  iterate(query?: Record<string, unknown>): AsyncIterable<Record<string, unknown>>;
  get(id: string): Promise<unknown>;
  create(body: Record<string, unknown>, options?: { idempotencyKey?: string }): Promise<unknown>;
  update(id: string, changes: Record<string, unknown>): Promise<unknown>;
  delete(id: string): Promise<void>;
}

export function resourceHelper(crm: CrmClient, entry: ResourceEntry): ResourceHelper {
  return crm[entry.helper] as unknown as ResourceHelper;
}
