// A throwaway copy of the parts of this repository that spec:update reads and writes, so its tests never touch the
// real specs/ or packages/types: the committed spec, packages/types/src, packages/client/src with its tsconfig, and
// the changeset config. packages/client/node_modules is a symlink to the real one, so the client's imports
// (openapi-fetch, …) resolve as they do in the workspace.
import { cp, mkdir, mkdtemp, readFile, realpath, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import type { OpenApi } from "../spec-update/openapi.js";

export const REAL_REPO = fileURLToPath(new URL("../..", import.meta.url));
export const SPEC_FILE = "specs/engagifii-crm.openapi.yaml";

const COPIED = [
  SPEC_FILE,
  "tsconfig.base.json",
  ".changeset/config.json",
  "packages/types/package.json",
  "packages/types/src",
  "packages/client/package.json",
  "packages/client/tsconfig.json",
  "packages/client/src",
];

export async function createTempRepo(): Promise<string> {
  const root = await realpath(await mkdtemp(join(tmpdir(), "spec-update-repo-")));
  for (const path of COPIED) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await cp(join(REAL_REPO, path), join(root, path), { recursive: true });
  }
  await symlink(join(REAL_REPO, "packages/client/node_modules"), join(root, "packages/client/node_modules"), "dir");
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
