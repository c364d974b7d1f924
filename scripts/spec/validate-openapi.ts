import { createConfig, lintFromString, type NormalizedProblem } from "@redocly/openapi-core";
import { SpecPullError } from "./spec-pull-error.js";

export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, unknown>;
  [key: string]: unknown;
}

/** Cheap checks that give a clear message before the full validation: an object with `openapi: 3.x`, `info`, `paths`. */
export function assertOpenApi3(document: unknown, label: string): asserts document is OpenApiDocument {
  if (!isRecord(document)) {
    const got = Array.isArray(document) ? "a list" : document === null ? "null" : `a ${typeof document}`;
    throw new SpecPullError(`${label} is not an OpenAPI document: expected a mapping at the top level, got ${got}`);
  }
  if (!("openapi" in document)) throw new SpecPullError(`${label} is not an OpenAPI document: no "openapi" field`);
  if (typeof document.openapi !== "string" || !/^3\.\d+(\.\d+)?$/.test(document.openapi)) {
    throw new SpecPullError(`${label}: unsupported OpenAPI version ${JSON.stringify(document.openapi)}, expected 3.x`);
  }
  for (const field of ["info", "paths"]) {
    if (!isRecord(document[field]))
      throw new SpecPullError(`${label} is not valid OpenAPI: "${field}" is missing or not a mapping`);
  }
}

/**
 * Validates the exact text that will be written with Redocly's `struct` rule (the OpenAPI structure) and
 * `no-unresolved-refs` (every `$ref` points at something). Style rules are `pnpm lint:spec`'s job, not this one's.
 */
export async function validateOpenApi(text: string, absoluteRef: string): Promise<void> {
  const config = await createConfig({ rules: { struct: "error", "no-unresolved-refs": "error" } });
  const problems = await lintFromString({ source: text, absoluteRef, config });
  const errors = problems.filter((problem) => problem.severity === "error");
  const [first] = errors;
  if (!first) return;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  throw new SpecPullError(`invalid OpenAPI document: ${first.message} at ${pointerOf(first)}${more}`);
}

function pointerOf(problem: NormalizedProblem): string {
  return problem.location[0]?.pointer ?? "#/";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
