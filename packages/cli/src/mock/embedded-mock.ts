// `--mock`: the one place that starts the embedded API, the mock server's stateful sandbox on the
// same document, seeded with sample people, organizations and a committee where the document's
// records have their fields (sample-seed.ts). The commands only see `{ url, tokenUrl, stop }`.
import type { OpenApiDocument } from "../document/load-document.js";
import { sampleSeed } from "./sample-seed.js";

export interface EmbeddedMock {
  url: string;
  tokenUrl: string;
  stop(): Promise<void>;
}

/** Starts the sandbox on the document given with --spec, else on the one the mock server ships. */
export async function startEmbeddedMock(
  document: OpenApiDocument,
  specPath: string | undefined,
  port = 0,
): Promise<EmbeddedMock> {
  const seed = sampleSeed(document);
  // Loaded only for --mock: Prism takes about a second to load, which no other command should pay.
  const { startMockServer } = await import("@engagifii/crm-mock-server");
  const server = await startMockServer({
    stateful: true,
    port,
    ...(seed ? { seed } : {}),
    ...(specPath ? { spec: specPath } : {}),
  });
  return { url: server.url, tokenUrl: server.tokenUrl, stop: () => server.stop() };
}

/** Credentials the embedded mock accepts; never real ones. */
export const mockCredentials = { clientId: "mock-client", clientSecret: "mock-secret", tenantCode: "mock" } as const;
