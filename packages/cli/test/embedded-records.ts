// The records `--mock` and `engagifii mock` start a resource with, worked out independently of the
// binary: our sample records where the document's records have their fields (src/mock/sample-seed.ts),
// else the mock server's own start: the document's examples, and records generated from its schemas
// (seeded, so the same on every run) for the collections they leave empty.
import { defaultSpecPath } from "../../mock-server/src/default-spec-path.js";
import { defaultDataSeed } from "../../mock-server/src/generate/seeded-faker.js";
import { loadOperations } from "../../mock-server/src/load-operations.js";
import { withGeneratedRecords } from "../../mock-server/src/sandbox/generated-seed.js";
import { buildResourceModel } from "../../mock-server/src/sandbox/resource-model.js";
import { seedFromExamples } from "../../mock-server/src/sandbox/seed.js";
import type { OpenApiDocument } from "../src/document/load-document.js";
import { collectionPath, sampleSeed } from "../src/mock/sample-seed.js";
import type { ResourceEntry } from "../src/resource-entry.js";

export async function embeddedRecords(document: OpenApiDocument, entry: ResourceEntry): Promise<unknown[]> {
  const path = collectionPath(entry);
  if (path === undefined) throw new Error(`${entry.command} has no collection the sandbox keeps`);
  const samples = sampleSeed(document);
  if (samples) return samples[path] ?? [];
  const model = buildResourceModel(await loadOperations(defaultSpecPath()));
  return withGeneratedRecords(model, seedFromExamples(model), defaultDataSeed)[path] ?? [];
}
