import { readFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { OpenApiDocument } from "../../types/scripts/document.js";
import { writeFileAtomic } from "../../types/scripts/generate.js";
import { type DroppedModel, exportedNames, type ResolvedModel, resolveModels } from "./model-map.js";
import { renderResources } from "./render-resources.js";
import { type ResolvedMap, resolveMap } from "./resource-map.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
export const SPEC_PATH = resolve(packageDir, "../../specs/engagifii-crm.openapi.yaml");
export const MAP_PATH = resolve(packageDir, "../../specs/resources.yaml");
export const RESOURCES_PATH = resolve(packageDir, "src/generated/resources.ts");
const INDEX_PATH = resolve(packageDir, "src/index.ts");
/** Relative to the repository root, as spec:update writes it. */
export const RESOURCES_FILE = "packages/client/src/generated/resources.ts";

export interface GeneratedResources extends ResolvedMap {
  models: ResolvedModel[];
  droppedModels: DroppedModel[];
  source: string;
}

/** The generated helpers and model types for a document and a map, with what the map names that the document cannot serve. */
export async function generateResources(
  specPath: string = SPEC_PATH,
  mapPath: string = MAP_PATH,
): Promise<GeneratedResources> {
  const document = parse(await readFile(specPath, "utf8")) as OpenApiDocument;
  const map: unknown = parse(await readFile(mapPath, "utf8"));
  const resolved = resolveMap(document, map);
  const { models, dropped } = resolveModels(document, map, exportedNames(await readFile(INDEX_PATH, "utf8")));
  return { ...resolved, models, droppedModels: dropped, source: renderResources(resolved.resources, models) };
}

async function main(): Promise<void> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(
      "Usage: pnpm generate\n\nRegenerates src/generated/resources.ts from specs/resources.yaml and specs/engagifii-crm.openapi.yaml.",
    );
    return;
  }
  const { source, dropped, droppedModels, unmapped } = await generateResources();
  let current: string | undefined;
  try {
    current = await readFile(RESOURCES_PATH, "utf8");
  } catch {
    current = undefined;
  }
  if (current !== source) await writeFileAtomic(RESOURCES_PATH, source);
  console.log(`generate: ${relative(packageDir, RESOURCES_PATH)} ${current === source ? "unchanged" : "updated"}`);
  for (const entry of dropped)
    console.log(`  dropped ${entry.resource}.${entry.method} (${entry.reference}): ${entry.reason}`);
  for (const model of droppedModels) console.log(`  dropped type ${model.name} (${model.schema}): ${model.reason}`);
  if (unmapped.length > 0)
    console.log(`  operations without a helper (add them to specs/resources.yaml?): ${unmapped.join(", ")}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`generate: ${(error instanceof Error ? error.message : String(error)).split("\n", 1)[0]}`);
    process.exitCode = 1;
  });
}
