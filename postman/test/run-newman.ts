// Runs one folder of a collection with newman against a sandbox, as an integrator would after
// importing the collection and its environment, and lists what went wrong.
import type { MockServer } from "@engagifii/crm-mock-server";
import newman from "newman";
import { expect } from "vitest";

export const credentials = { clientId: "postman-client", clientSecret: "postman-secret" };

export interface Folder {
  name: string;
  item?: unknown[];
}

function runFolder(collection: string | object, environment: string | object, folder: string, sandbox: MockServer) {
  return new Promise<newman.NewmanRunSummary>((resolve, reject) => {
    newman.run(
      {
        collection,
        environment,
        folder,
        envVar: [
          { key: "baseUrl", value: sandbox.url },
          { key: "clientId", value: credentials.clientId },
          { key: "clientSecret", value: credentials.clientSecret },
          // A tenant of the folder's own, so each folder starts from the sandbox's seed.
          { key: "tenantCode", value: `newman-${folder.toLowerCase()}` },
        ],
        reporters: [],
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

/** Runs every folder; each request must answer 2xx, checked by the collection's own test script. */
export async function expectEveryRequestToSucceed(
  collection: string | object,
  environment: string | object,
  folders: Folder[],
  sandbox: MockServer,
): Promise<void> {
  for (const folder of folders) {
    const summary = await runFolder(collection, environment, folder.name, sandbox);
    const failures = summary.run.failures.map((failure) => `${failure.source?.name}: ${failure.error.message}`);
    expect(failures, folder.name).toEqual([]);
    const statuses = summary.run.executions.map((execution) => execution.response?.code);
    expect(
      statuses.every((status) => status !== undefined && status >= 200 && status < 300),
      `${folder.name}: ${statuses}`,
    ).toBe(true);
    // One "answers 2xx" assertion per request of the folder (newman also lists the token fetch as an execution).
    expect(summary.run.stats.assertions.total, folder.name).toBe(folder.item?.length);
    expect(summary.run.stats.assertions.failed, folder.name).toBe(0);
  }
}
