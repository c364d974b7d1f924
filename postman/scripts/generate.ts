// `pnpm generate` (turbo `generate`): regenerates postman/generated/ from specs/.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { generatePostmanFiles } from "../src/generate-collection.js";
import { collectionPath, environmentPath, generatedDirectory, specPath } from "../src/paths.js";

const files = await generatePostmanFiles(await readFile(specPath, "utf8"));
await mkdir(generatedDirectory, { recursive: true });
await writeFile(collectionPath, `${JSON.stringify(files.collection, null, 2)}\n`);
await writeFile(environmentPath, `${JSON.stringify(files.environment, null, 2)}\n`);
process.stdout.write(`wrote ${collectionPath} and ${environmentPath}\n`);
