import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The OpenAPI document packaged with the binary: the build writes specs/ into this package's
 * spec/ folder as JSON; inside the monorepo before a build, the repository's YAML is used. Both
 * are relative to this module: src/ and dist/ sit at the same depth.
 */
export function packagedDocumentPath(): string {
  const candidates = [
    new URL("../spec/engagifii-crm.openapi.json", import.meta.url),
    new URL("../../../specs/engagifii-crm.openapi.yaml", import.meta.url),
  ].map((url) => fileURLToPath(url));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) throw new Error(`No OpenAPI document found; looked for ${candidates.join(" and ")}`);
  return found;
}
