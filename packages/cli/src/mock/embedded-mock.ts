// `--mock`: the one place that starts the embedded API, the mock server's stateful sandbox on the
// same document, seeded with sample people, organizations and a committee. The commands only see `{ url, tokenUrl, stop }`.
import type { SandboxSeed } from "@engagifii/crm-mock-server";
import type { OpenApiDocument } from "../document/load-document.js";
import { resourceTable } from "../resource-table.js";

export interface EmbeddedMock {
  url: string;
  tokenUrl: string;
  stop(): Promise<void>;
}

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
export function samplePeople(count = 120): Record<string, unknown>[] {
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

/** Starts the sandbox on the document given with --spec, else on the one the mock server ships. */
export async function startEmbeddedMock(
  document: OpenApiDocument,
  specPath: string | undefined,
  port = 0,
): Promise<EmbeddedMock> {
  const seed: SandboxSeed = {};
  for (const entry of resourceTable) {
    const records = sampleRecords[entry.command];
    const collection = entry.operations.list ?? entry.every;
    if (records && collection && document.paths[collection.path])
      seed[collection.path] = records() as SandboxSeed[string];
  }
  // Loaded only for --mock: Prism takes about a second to load, which no other command should pay.
  const { startMockServer } = await import("@engagifii/crm-mock-server");
  const server = await startMockServer({
    stateful: true,
    port,
    seed: seed as SandboxSeed,
    ...(specPath ? { spec: specPath } : {}),
  });
  return { url: server.url, tokenUrl: server.tokenUrl, stop: () => server.stop() };
}

/** Credentials the embedded mock accepts; never real ones. */
export const mockCredentials = { clientId: "mock-client", clientSecret: "mock-secret", tenantCode: "mock" } as const;
