// Writes the repository's OpenAPI document into spec/ as JSON, so the published binary checks paths
// against its own contract and starts without parsing YAML (about a second on a busy machine).
// Usage: tsx scripts/copy-spec.ts [--help]
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

if (process.argv.includes("--help")) {
  process.stdout.write(
    "Usage: tsx scripts/copy-spec.ts\nWrites ../../specs/engagifii-crm.openapi.yaml to spec/engagifii-crm.openapi.json.\n",
  );
  process.exit(0);
}

const source = fileURLToPath(new URL("../../../specs/engagifii-crm.openapi.yaml", import.meta.url));
const targetDirectory = fileURLToPath(new URL("../spec/", import.meta.url));
const target = `${targetDirectory}engagifii-crm.openapi.json`;

if (!existsSync(source)) {
  process.stderr.write(`copy-spec: ${source} does not exist; run the spec pull first\n`);
  process.exit(1);
}
mkdirSync(targetDirectory, { recursive: true });
// Write then rename, so an interrupted build never leaves a truncated document behind.
const temporary = `${target}.${process.pid}.tmp`;
writeFileSync(temporary, JSON.stringify(parse(readFileSync(source, "utf8"))));
renameSync(temporary, target);
process.stdout.write(`copy-spec: ${source} -> ${target}\n`);
