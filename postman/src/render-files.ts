import { generatePostmanFiles } from "./generate-collection.js";
import { collectionFile, environmentFile } from "./paths.js";

/** The text of each generated file, by path relative to the repository root: what `pnpm generate` writes. */
export async function renderPostmanFiles(documentText: string): Promise<Record<string, string>> {
  const files = await generatePostmanFiles(documentText);
  return {
    [collectionFile]: `${JSON.stringify(files.collection, null, 2)}\n`,
    [environmentFile]: `${JSON.stringify(files.environment, null, 2)}\n`,
  };
}
