// The committed collection and environment must be what `pnpm generate` (or spec:update) makes from specs/ today.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { specPath } from "../src/paths.js";
import { renderPostmanFiles } from "../src/render-files.js";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

it("postman/generated/ matches a fresh generation from specs/ (run `pnpm generate` and commit)", async () => {
  const files = await renderPostmanFiles(await readFile(specPath, "utf8"));
  expect(Object.keys(files)).toHaveLength(2);
  for (const [path, text] of Object.entries(files))
    expect(await readFile(join(repositoryRoot, path), "utf8"), path).toBe(text);
});
