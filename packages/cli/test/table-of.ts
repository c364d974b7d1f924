import { renderResourceTable } from "../scripts/generate-resource-table.js";
import type { ResourceEntry } from "../src/resource-entry.js";

/** The resource table the generator writes for a document and a map, as data. */
export async function tableOf(specPath: string, mapPath: string): Promise<ResourceEntry[]> {
  const source = await renderResourceTable(specPath, mapPath);
  return JSON.parse(source.slice(source.indexOf("= [") + 2, source.lastIndexOf(";")));
}
