// A throwaway copy of this repository's sources (see copyWorkspace: node_modules linked, no dist/ or .git), so that
// spec:update's tests never touch the real specs/ or packages/, and a whole-workspace typecheck sees what it would here.
// Its specs/ hold the tests' own document and map (fixtures/guide.*), with the files generated from them, whatever
// document the real specs/ hold: the copy is this repository as it was with our guide's document.
import { copyFile, mkdtemp, readFile, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { pullSpec } from "../spec/pull-spec.js";
import type { OpenApi } from "../spec-update/openapi.js";
import { regenerate } from "../spec-update/regenerate.js";
import { copyWorkspace } from "../spec-update/typecheck-workspace.js";
import { RESOURCE_MAP_FILE, SPEC_FILE } from "../spec-update/update-spec.js";
import { writeAll } from "../spec-update/write-all.js";

export { SPEC_FILE };
export const REAL_REPO = fileURLToPath(new URL("../..", import.meta.url));
export const fixture = (name: string) => join(REAL_REPO, "scripts/test/fixtures", name);
/** The document the temporary repositories start from: a frozen copy of our guide's (see its header). */
export const GUIDE_SPEC = fixture("guide.openapi.yaml");
export const GUIDE_MAP = fixture("guide.resources.yaml");

export async function createTempRepo(): Promise<string> {
  const root = await realpath(await mkdtemp(join(tmpdir(), "spec-update-repo-")));
  await copyWorkspace(REAL_REPO, root);
  // As a maintainer would: spec:pull, the map, `pnpm generate`.
  await pullSpec({ from: GUIDE_SPEC, out: join(root, SPEC_FILE), env: {} });
  await copyFile(GUIDE_MAP, join(root, RESOURCE_MAP_FILE));
  const { files } = await regenerate(join(root, SPEC_FILE), join(root, RESOURCE_MAP_FILE));
  await writeAll(Object.entries(files).map(([path, text]) => ({ path: join(root, path), text })));
  return root;
}

/** The tests' own document, parsed, for a test to change and write out as the document to pull. */
export async function guideSpec(): Promise<OpenApi> {
  return parse(await readFile(GUIDE_SPEC, "utf8")) as OpenApi;
}

/** Writes a document as YAML into `directory` and returns its path. */
export async function writeSpec(directory: string, name: string, document: unknown): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, stringify(document));
  return path;
}
