// Starting records for the collections the document's examples leave empty: a fixed number of
// records per top-level collection, generated from its record schema with a seeded Faker, so the
// same document and seed always start from the same data.
import { allowsType, type JsonObject } from "../document/http-operation.js";
import { fakeValue } from "../generate/fake-value.js";
import { seededFaker } from "../generate/seeded-faker.js";
import type { ResourceModel } from "./resource-model.js";
import type { SandboxSeed } from "./seed.js";

/** How many records each collection without examples starts with. */
export const generatedRecordCount = 25;

/** `seed` plus generated records for each top-level collection it has none for. */
export function withGeneratedRecords(model: ResourceModel, seed: SandboxSeed, seedText: string): SandboxSeed {
  const completed: SandboxSeed = { ...seed };
  for (const [path, collection] of model.collections) {
    const topLevel = collection.template.parameters.length === 0;
    if (!topLevel || collection.linkTarget !== undefined || collection.recordSchema === undefined) continue;
    if ((completed[path]?.length ?? 0) > 0) continue;
    const integerKeys = allowsType(collection.keySchema, "integer") || allowsType(collection.keySchema, "number");
    completed[path] = Array.from({ length: generatedRecordCount }, (_, index) => {
      const faker = seededFaker(seedText, path, index);
      const record = fakeValue(collection.recordSchema, faker, path) as JsonObject;
      return { ...record, [collection.keyField]: integerKeys ? index + 1 : faker.string.uuid() };
    });
  }
  return completed;
}
