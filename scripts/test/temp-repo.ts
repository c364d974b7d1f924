// A throwaway copy of this repository's sources (see copyWorkspace: node_modules linked, no dist/ or .git), so that
// spec:update's tests never touch the real specs/ or packages/, and a whole-workspace typecheck sees what it would here.
import { mkdtemp, readFile, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import type { OpenApi } from "../spec-update/openapi.js";
import { copyWorkspace } from "../spec-update/typecheck-workspace.js";

export const REAL_REPO = fileURLToPath(new URL("../..", import.meta.url));
export const SPEC_FILE = "specs/engagifii-crm.openapi.yaml";

export async function createTempRepo(): Promise<string> {
  const root = await realpath(await mkdtemp(join(tmpdir(), "spec-update-repo-")));
  await copyWorkspace(REAL_REPO, root);
  return root;
}

/** The committed spec, parsed, for a test to change and write out as the document to pull. */
export async function committedSpec(): Promise<OpenApi> {
  return parse(await readFile(join(REAL_REPO, SPEC_FILE), "utf8")) as OpenApi;
}

/** Writes a document as YAML into `directory` and returns its path. */
export async function writeSpec(directory: string, name: string, document: unknown): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, stringify(document));
  return path;
}
