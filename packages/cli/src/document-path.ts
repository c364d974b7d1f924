import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const specFileName = "engagifii-crm.openapi.yaml";

/**
 * The OpenAPI document packaged with the binary. The build copies specs/ into this package's
 * spec/ folder; inside the monorepo before a build the repository's file is used. Both are
 * relative to this module: src/ and dist/ sit at the same depth.
 */
export function packagedDocumentPath(): string {
  const candidates = [
    new URL(`../spec/${specFileName}`, import.meta.url),
    new URL(`../../../specs/${specFileName}`, import.meta.url),
  ].map((url) => fileURLToPath(url));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) throw new Error(`No OpenAPI document found; looked for ${candidates.join(" and ")}`);
  return found;
}
