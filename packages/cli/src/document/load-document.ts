import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { CliError } from "../cli-error.js";
import { exitCodes } from "../exit-codes.js";

/** The parts of an OpenAPI 3 document the binary reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, unknown>;
    securitySchemes?: Record<string, unknown>;
  };
}

const cache = new Map<string, OpenApiDocument>();

/** Reads an OpenAPI document (JSON, or YAML, whose parser is loaded only then) once per process. */
export function loadDocument(path: string): OpenApiDocument {
  const cached = cache.get(path);
  if (cached) return cached;
  let document: unknown;
  try {
    const text = readFileSync(path, "utf8");
    document = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new CliError(`cannot read the OpenAPI document ${path}: ${(error as Error).message.split("\n")[0]}`, {
      hint: "pass --spec <file> with a valid OpenAPI 3 document, or leave it out to use the packaged one",
      exitCode: exitCodes.usage,
    });
  }
  if (typeof document !== "object" || document === null || typeof (document as OpenApiDocument).paths !== "object") {
    throw new CliError(`${path} is not an OpenAPI document (no \`paths\`)`, { exitCode: exitCodes.usage });
  }
  cache.set(path, document as OpenApiDocument);
  return document as OpenApiDocument;
}

/** Follows a local `$ref` ("#/components/schemas/Person") once; other values come back as they are. */
export function resolveReference(document: OpenApiDocument, value: unknown): unknown {
  const reference = (value as { $ref?: unknown } | undefined)?.$ref;
  if (typeof reference !== "string" || !reference.startsWith("#/")) return value;
  let current: unknown = document;
  for (const part of reference.slice(2).split("/")) {
    current = (current as Record<string, unknown> | undefined)?.[part.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return resolveReference(document, current);
}

function parseYaml(text: string): unknown {
  const { parse } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return parse(text);
}
