import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const specFileName = "engagifii-crm.openapi.yaml";

/**
 * The OpenAPI document the mock serves when no `spec` option is given.
 *
 * The build copies specs/engagifii-crm.openapi.yaml into this package's spec/ folder, so an
 * installed package carries its own contract. Inside the monorepo, before the first build, the
 * copy is missing and the repository's file is used instead. Both paths are relative to this
 * module: src/ and dist/ sit at the same depth, and tsup shims import.meta.url in the CJS build.
 */
export function defaultSpecPath(): string {
  const candidates = [
    new URL(`../spec/${specFileName}`, import.meta.url),
    new URL(`../../../specs/${specFileName}`, import.meta.url),
  ].map((url) => fileURLToPath(url));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    throw new Error(`No OpenAPI document found; looked for ${candidates.join(" and ")}`);
  }
  return found;
}
