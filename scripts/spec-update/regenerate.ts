// The generators live with the packages they generate; spec:update runs them on the pulled document before writing.
import { readFile } from "node:fs/promises";
import { renderResourceTable } from "../../packages/cli/scripts/generate-resource-table.js";
import {
  type GeneratedResources,
  generateResources,
  RESOURCES_FILE,
} from "../../packages/client/scripts/generate-resources.js";
import { GENERATED_FILES, generateAll } from "../../packages/types/scripts/generate.js";
import { renderPostmanFiles } from "../../postman/src/render-files.js";

/** The `engagifii` command line's resource commands, generated from the same map as the client's helpers. */
export const CLI_RESOURCE_TABLE_FILE = "packages/cli/src/generated/resource-table.ts";

export interface Regenerated {
  /** Every file `pnpm generate` writes from the document and the map, by path relative to the repository root. */
  files: Record<string, string>;
  /** The resource helpers, with the map entries the document cannot serve and its operations no entry names. */
  resources: GeneratedResources;
}

/**
 * Generates the types, the operation metadata, the resource helpers, the CLI's resource commands and the Postman
 * collection for a document and a resource map, exactly as `pnpm generate` would from specs/, without writing anything.
 */
export async function regenerate(specPath: string, mapPath: string): Promise<Regenerated> {
  const generated = await generateAll(specPath);
  const resources = await generateResources(specPath, mapPath);
  const files: Record<string, string> = {
    [RESOURCES_FILE]: resources.source,
    [CLI_RESOURCE_TABLE_FILE]: await renderResourceTable(specPath, mapPath),
  };
  for (const path of GENERATED_FILES) files[path] = generated[path.split("/").pop() ?? ""] ?? "";
  Object.assign(files, await renderPostmanFiles(await readFile(specPath, "utf8")));
  return { files, resources };
}
