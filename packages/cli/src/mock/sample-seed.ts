// The sample records `--mock` starts with: 120 people, two organizations and a committee, the same on
// every run so that the README's examples reproduce. They are our guide's records, so a resource gets
// them only where the document's records have every field they carry; another document's sandbox
// starts from the records the mock server generates from its schemas instead.
import type { SandboxSeed } from "@engagifii/crm-mock-server";
import type { OpenApiDocument } from "../document/load-document.js";
import { listItemSchema, objectFields } from "../document/schemas.js";
import { type ResourceEntry, resourceTable } from "../resource-table.js";

const firstNames = [
  "Ada",
  "Grace",
  "Alan",
  "Edsger",
  "Barbara",
  "Donald",
  "Frances",
  "John",
  "Radia",
  "Ken",
  "Margaret",
  "Tim",
];
const lastNames = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Allen",
  "McCarthy",
  "Perlman",
  "Thompson",
];

/** The same people on every run (120 by default), so examples in the README reproduce. */
function samplePeople(count = 120): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => {
    const firstName = firstNames[index % firstNames.length] as string;
    const lastName = lastNames[Math.floor(index / firstNames.length) % lastNames.length] as string;
    const round = Math.floor(index / (firstNames.length * lastNames.length)); // keeps emails unique past 120
    return {
      id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, "0")}`,
      firstName,
      lastName,
      email: `${firstName}.${lastName}${round > 0 ? round : ""}@example.com`.toLowerCase(),
      phone: null,
      organizationId: null,
      createdDate: new Date(Date.UTC(2024, 0, 1 + index)).toISOString(),
      isActive: true,
    };
  });
}

const created = "2024-01-01T00:00:00.000Z";
const sampleRecords: Record<string, () => Record<string, unknown>[]> = {
  people: () => samplePeople(),
  organizations: () => [
    { id: "org-acme", name: "Acme Corporation", type: "Company", parentId: null, createdDate: created },
    { id: "org-engineering", name: "Engineering", type: "Department", parentId: "org-acme", createdDate: created },
  ],
  committees: () => [
    {
      // The document's committeeId is a uuid, which the sandbox checks on /committees/{committeeId}/….
      id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
      name: "Board of Directors",
      description: "Executive oversight",
      isActive: true,
      createdDate: created,
    },
  ],
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The seed for the sandbox: each resource's samples, under its collection's path, where they fit the
 * document; undefined when none fits, so that the sandbox starts from the document's examples and
 * generates records for the collections they leave empty.
 */
export function sampleSeed(
  document: OpenApiDocument,
  table: readonly ResourceEntry[] = resourceTable,
): SandboxSeed | undefined {
  const seed: SandboxSeed = {};
  for (const entry of table) {
    const records = sampleRecords[entry.command]?.();
    const path = collectionPath(entry);
    if (records && path && records.every((record) => fits(document, entry, record))) seed[path] = records;
  }
  return Object.keys(seed).length > 0 ? seed : undefined;
}

/**
 * The path of the collection a resource's records live in, as the sandbox keys it: the `get`
 * template one segment up (`/api/Person/{id}` → `/api/Person`), else the create's path, else a GET
 * list's. A `POST …/PagingList` is a way to read the collection, not its path.
 */
export function collectionPath(entry: ResourceEntry): string | undefined {
  const { get, create, list } = entry.operations;
  if (get) return get.path.slice(0, get.path.lastIndexOf("/"));
  if (create) return create.path;
  return list?.method === "GET" ? list.path : undefined;
}

/** Whether the document's list items have every field of the record, and a uuid field holds a uuid. */
function fits(document: OpenApiDocument, entry: ResourceEntry, record: Record<string, unknown>): boolean {
  const list = entry.every ?? entry.operations.list;
  const definition = list && document.paths[list.path]?.[list.method.toLowerCase()];
  if (!list || typeof definition !== "object" || definition === null) return false;
  const operation = { ...list, operationId: list.operationId, definition: definition as Record<string, unknown> };
  const { types } = objectFields(document, listItemSchema(document, operation));
  return Object.entries(record).every(([name, value]) => {
    const field = types.get(name);
    return field !== undefined && (field.format !== "uuid" || value === null || uuidPattern.test(String(value)));
  });
}
