// Runs the committed collection with newman against the stateful sandbox on the document of specs/
// (the spec the mock-server package ships), as an integrator would after importing it: every
// request must answer 2xx. Each folder runs with a tenant of its own, so each starts from the
// sandbox's seed.
import { readFile } from "node:fs/promises";
import { type MockServer, startMockServer } from "@engagifii/crm-mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectionPath, environmentPath } from "../src/paths.js";
import { credentials, expectEveryRequestToSucceed, type Folder } from "./run-newman.js";

let sandbox: MockServer;
let collection: { item: Folder[] };

beforeAll(async () => {
  sandbox = await startMockServer({ stateful: true, ...credentials });
  collection = JSON.parse(await readFile(collectionPath, "utf8"));
});
afterAll(() => sandbox?.stop());

describe("the generated Postman collection, run by newman against the sandbox", () => {
  it("has a folder per tag", () => {
    expect(collection.item.map((folder) => folder.name).length).toBeGreaterThan(1);
  });

  it("answers every request of every folder with a 2xx", async () => {
    await expectEveryRequestToSucceed(collectionPath, environmentPath, collection.item, sandbox);
  });
});
