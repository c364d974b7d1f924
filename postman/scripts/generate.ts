// `pnpm generate` (turbo `generate`): regenerates postman/generated/ from specs/ (spec:update writes the same files).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generatedDirectory, specPath } from "../src/paths.js";
import { renderPostmanFiles } from "../src/render-files.js";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const files = await renderPostmanFiles(await readFile(specPath, "utf8"));
await mkdir(generatedDirectory, { recursive: true });
for (const [path, text] of Object.entries(files)) await writeFile(join(repositoryRoot, path), text);
process.stdout.write(`wrote ${Object.keys(files).join(" and ")}\n`);
