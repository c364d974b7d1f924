// Copies the repository's OpenAPI document into spec/ so the published binary checks paths against its own contract.
// Usage: tsx scripts/copy-spec.ts [--help]
import { copyFileSync, existsSync, mkdirSync, renameSync } from "node:fs";
import { fileURLToPath } from "node:url";

if (process.argv.includes("--help")) {
  process.stdout.write("Usage: tsx scripts/copy-spec.ts\nCopies ../../specs/engagifii-crm.openapi.yaml to spec/.\n");
  process.exit(0);
}

const source = fileURLToPath(new URL("../../../specs/engagifii-crm.openapi.yaml", import.meta.url));
const targetDirectory = fileURLToPath(new URL("../spec/", import.meta.url));
const target = `${targetDirectory}engagifii-crm.openapi.yaml`;

if (!existsSync(source)) {
  process.stderr.write(`copy-spec: ${source} does not exist; run the spec pull first\n`);
  process.exit(1);
}
mkdirSync(targetDirectory, { recursive: true });
// Copy then rename, so an interrupted build never leaves a truncated spec behind.
const temporary = `${target}.${process.pid}.tmp`;
copyFileSync(source, temporary);
renameSync(temporary, target);
process.stdout.write(`copy-spec: ${source} -> ${target}\n`);
