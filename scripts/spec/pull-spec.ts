import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { convertSwagger2, isSwagger2 } from "./convert-swagger2.js";
import { loadSource } from "./load-source.js";
import { HTTP_METHODS, normaliseDocument, stringifySpec } from "./normalise.js";
import { parseSpec } from "./parse-spec.js";
import { firstLine, SpecPullError } from "./spec-pull-error.js";
import { assertOpenApi3, validateOpenApi } from "./validate-openapi.js";
import { writeFileAtomic } from "./write-atomic.js";

/** The live API's Swagger document, used when neither `from` nor ENGAGIFII_SPEC_URL is given. */
export const LIVE_SPEC_URL = "https://builtin-crm.azurewebsites.net/swagger/v1/swagger.json";

/** The committed spec: `<repo>/specs/engagifii-crm.openapi.yaml`. */
export const DEFAULT_SPEC_PATH = fileURLToPath(new URL("../../specs/engagifii-crm.openapi.yaml", import.meta.url));

export interface PullSpecOptions {
  /** URL or file to read (JSON or YAML, Swagger 2.0 or OpenAPI 3). Default: env ENGAGIFII_SPEC_URL, else the live API. */
  from?: string | undefined;
  /** File to write. Default: `<repo>/specs/engagifii-crm.openapi.yaml`. */
  out?: string | undefined;
  /** Directory relative paths are resolved against. Default: env INIT_CWD (where pnpm was run), else process.cwd(). */
  cwd?: string | undefined;
  /** HTTP timeout in milliseconds. Default: 30 000. */
  timeoutMs?: number | undefined;
  /** Environment to read ENGAGIFII_SPEC_URL and INIT_CWD from. Default: process.env. */
  env?: NodeJS.ProcessEnv | undefined;
}

export interface PullSpecResult {
  /** The source actually read: an absolute path or a URL (without credentials). */
  source: string;
  /** The absolute path written (or left as it was). */
  out: string;
  /** `info.title` and `info.version` of the API. */
  title: string;
  apiVersion: string;
  /** The `openapi` field of the output, such as "3.0.1". */
  openapiVersion: string;
  /** Whether the source was Swagger 2.0 and was converted. */
  converted: boolean;
  operationCount: number;
  /** False when the output already held exactly these bytes (the file is then not rewritten). */
  changed: boolean;
}

/** Loads, converts, validates and normalises the spec, then writes it atomically. Throws SpecPullError on failure. */
export async function pullSpec(options: PullSpecOptions = {}): Promise<PullSpecResult> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? (env.INIT_CWD || process.cwd());
  const from = options.from || env.ENGAGIFII_SPEC_URL || LIVE_SPEC_URL;
  const out = options.out ? resolvePath(cwd, options.out) : DEFAULT_SPEC_PATH;

  const { text, label } = await loadSource(from, { cwd, timeoutMs: options.timeoutMs ?? 30_000 });
  let document = parseSpec(text, label);
  const converted = isSwagger2(document);
  if (converted) document = await convertSwagger2(document);
  assertOpenApi3(document, label);

  const normalised = stringifySpec(normaliseDocument(document));
  await validateOpenApi(normalised, out);

  const changed = (await readIfExists(out)) !== normalised;
  if (changed) {
    try {
      await writeFileAtomic(out, normalised);
    } catch (error) {
      throw new SpecPullError(`cannot write ${out}: ${firstLine(error)}`);
    }
  }
  return {
    source: label,
    out,
    title: String(document.info.title ?? ""),
    apiVersion: String(document.info.version ?? ""),
    openapiVersion: document.openapi,
    converted,
    operationCount: countOperations(document.paths),
    changed,
  };
}

function countOperations(paths: Record<string, unknown>): number {
  let count = 0;
  for (const item of Object.values(paths)) {
    if (typeof item !== "object" || item === null) continue;
    count += HTTP_METHODS.filter((method) => Object.hasOwn(item, method)).length;
  }
  return count;
}

function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new SpecPullError(`cannot read ${path}: ${firstLine(error)}`);
  }
}
