import { createRequire } from "node:module";
import { firstLine, SpecPullError } from "./spec-pull-error.js";

interface ConvertResult {
  openapi: unknown;
}
interface Swagger2OpenApi {
  convertObj(document: unknown, options: { patch: boolean; warnOnly: boolean }): Promise<ConvertResult>;
}

// swagger2openapi is CommonJS without type declarations; require() it and describe the one function we use.
const require = createRequire(import.meta.url);

/** True for a Swagger 2.0 document (`swagger: "2.0"`), which must be converted; throws for any other Swagger version. */
export function isSwagger2(document: unknown): boolean {
  if (typeof document !== "object" || document === null || !("swagger" in document)) return false;
  const version = String(document.swagger);
  if (version === "2.0" || version === "2") return true;
  throw new SpecPullError(`unsupported Swagger version "${version}": expected 2.0 or OpenAPI 3.x`);
}

/**
 * Converts Swagger 2.0 to OpenAPI 3.0 with swagger2openapi. `patch` fixes small errors Swashbuckle is known to
 * emit; `warnOnly` records what it could not convert as `x-s2o-warning` instead of aborting.
 */
export async function convertSwagger2(document: unknown): Promise<unknown> {
  const converter = require("swagger2openapi") as Swagger2OpenApi;
  try {
    // The converter edits its input in place; give it a copy.
    const result = await converter.convertObj(structuredClone(document), { patch: true, warnOnly: true });
    return result.openapi;
  } catch (error) {
    throw new SpecPullError(`cannot convert the Swagger 2.0 document to OpenAPI 3: ${firstLine(error)}`);
  }
}
