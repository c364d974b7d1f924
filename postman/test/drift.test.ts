// The committed collection and environment must be what `pnpm generate` makes from specs/ today.
import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { generatePostmanFiles } from "../src/generate-collection.js";
import { collectionPath, environmentPath, specPath } from "../src/paths.js";

it("postman/generated/ matches a fresh generation from specs/ (run `pnpm generate` and commit)", async () => {
  const files = await generatePostmanFiles(await readFile(specPath, "utf8"));
  expect(await readFile(collectionPath, "utf8")).toBe(`${JSON.stringify(files.collection, null, 2)}\n`);
  expect(await readFile(environmentPath, "utf8")).toBe(`${JSON.stringify(files.environment, null, 2)}\n`);
});
