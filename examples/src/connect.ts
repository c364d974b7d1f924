// How every example gets a client: the real API when ENGAGIFII_CLIENT_ID, ENGAGIFII_CLIENT_SECRET and
// ENGAGIFII_TENANT_CODE are set (ENGAGIFII_BASE_URL, ENGAGIFII_TOKEN_URL and ENGAGIFII_SCOPE are read too),
// otherwise a mock server started in this process.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type CrmClient, type CrmClientOptions, createCrmClient } from "@engagifii/crm-client";
import { startMockServer } from "@engagifii/crm-mock-server";

/** Client options for a mock at `url`: any credentials and any tenant are accepted there; the token URL is the document's. */
export function mockClientOptions(url: string): CrmClientOptions {
  return {
    baseUrl: url,
    clientId: "example-client",
    clientSecret: "example-secret",
    tenantCode: "acme",
    env: {},
  };
}

export interface Connection {
  crm: CrmClient;
  /** `live` with ENGAGIFII_* credentials, `mock` otherwise. */
  target: "live" | "mock";
  close(): Promise<void>;
}

export async function connect(env: NodeJS.ProcessEnv = process.env): Promise<Connection> {
  if (env.ENGAGIFII_CLIENT_ID && env.ENGAGIFII_CLIENT_SECRET && env.ENGAGIFII_TENANT_CODE) {
    return { crm: createCrmClient({ env }), target: "live", close: async () => {} };
  }
  const mock = await startMockServer();
  return { crm: createCrmClient(mockClientOptions(mock.url)), target: "mock", close: () => mock.stop() };
}

/**
 * Runs an example when its file is executed (`pnpm exec tsx src/<example>.ts`), not when a test imports it:
 * connects, runs, closes, and turns a failure into one line on stderr and exit code 1.
 */
export function runIfMain(moduleUrl: string, run: (crm: CrmClient, args: string[]) => Promise<void>): void {
  const script = process.argv[1];
  if (script === undefined || resolve(script) !== fileURLToPath(moduleUrl)) return;
  void (async () => {
    const connection = await connect();
    console.error(`Running against the ${connection.target === "live" ? "Engagifii CRM API" : "mock server"}.`);
    try {
      await run(connection.crm, process.argv.slice(2));
    } finally {
      await connection.close();
    }
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    process.exitCode = 1;
  });
}
