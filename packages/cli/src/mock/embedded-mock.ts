// `--mock`: the one place that starts the embedded API. Swap the fake for the mock server's
// stateful sandbox here when it exists; the commands only see `{ url, stop }`.
import type { OpenApiDocument } from "../document/load-document.js";
import { findOperation } from "../document/operations.js";
import { resourceTable } from "../resource-table.js";
import { startFakeCrmServer } from "./fake-crm-server.js";

export interface EmbeddedMock {
  url: string;
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

export async function startEmbeddedMock(document: OpenApiDocument): Promise<EmbeddedMock> {
  const people = resourceTable.find((entry) => entry.command === "people");
  const seed = people ? { [findOperation(document, people.operations.list).path]: samplePeople() } : {};
  const server = await startFakeCrmServer(document, { seed });
  return { url: server.url, stop: () => server.stop() };
}

/** Credentials the embedded mock accepts; never real ones. */
export const mockCredentials = { clientId: "mock-client", clientSecret: "mock-secret", tenantCode: "mock" } as const;
