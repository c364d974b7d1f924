// Runs the committed collection with newman against the stateful sandbox, as an integrator would
// after importing it: every request must answer 2xx (the collection's own test script checks).
// Each folder runs with a tenant of its own, so each starts from the sandbox's seed.
import { readFile } from "node:fs/promises";
import { type MockServer, startMockServer } from "@engagifii/crm-mock-server";
import newman, { type NewmanRunSummary } from "newman";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectionPath, environmentPath } from "../src/paths.js";

const credentials = { clientId: "postman-client", clientSecret: "postman-secret" };
let sandbox: MockServer;
let collection: { item: Array<{ name: string; item?: unknown[] }> };

beforeAll(async () => {
  sandbox = await startMockServer({ stateful: true, ...credentials });
  collection = JSON.parse(await readFile(collectionPath, "utf8"));
});
afterAll(() => sandbox?.stop());

function runFolder(folder: string): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: collectionPath,
        environment: environmentPath,
        folder,
        envVar: [
          { key: "baseUrl", value: sandbox.url },
          { key: "clientId", value: credentials.clientId },
          { key: "clientSecret", value: credentials.clientSecret },
          { key: "tenantCode", value: `newman-${folder.toLowerCase()}` },
        ],
        reporters: [],
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

describe("the generated Postman collection, run by newman against the sandbox", () => {
  it("has a folder per tag", () => {
    expect(collection.item.map((folder) => folder.name).length).toBeGreaterThan(1);
  });

  it("answers every request of every folder with a 2xx", async () => {
    for (const folder of collection.item) {
      const summary = await runFolder(folder.name);
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
  });
});
