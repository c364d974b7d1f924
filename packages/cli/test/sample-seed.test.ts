import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { loadDocument } from "../src/document/load-document.js";
import { collectionPath, sampleSeed } from "../src/mock/sample-seed.js";
import { guideDocument, guideDocumentPath, guideMapPath } from "./guide-document.js";
import { tableOf } from "./table-of.js";

const liveShaped = fileURLToPath(new URL("../../types/test/fixtures/live-shaped.openapi.yaml", import.meta.url));
const liveMap = fileURLToPath(new URL("../../client/test/fixtures/resources.yaml", import.meta.url));

it("seeds our guide's document with the samples, under each resource's collection", async () => {
  const seed = sampleSeed(guideDocument, await tableOf(guideDocumentPath, guideMapPath));
  const counts = Object.fromEntries(Object.entries(seed ?? {}).map(([path, records]) => [path, records.length]));
  expect(counts).toEqual({ "/api/v1/people": 120, "/api/v1/organizations": 2, "/api/v1/committees": 1 });
  expect(seed?.["/api/v1/people"]?.[0]).toMatchObject({ firstName: "Ada", lastName: "Lovelace" });
});

it("keys a POST …/PagingList resource by its collection, and seeds nothing the document's records cannot hold", async () => {
  const table = await tableOf(liveShaped, liveMap);
  expect(table.map(collectionPath)).toEqual(["/api/Person"]);
  // The live-shaped person has no lastName or email: the sandbox generates its records instead.
  expect(sampleSeed(loadDocument(liveShaped), table)).toBeUndefined();
});
