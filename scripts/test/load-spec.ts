// Loads an OpenAPI 3.0 document (YAML or JSON) and offers the generic walks the spec tests need:
// local $ref resolution, the list of operations, every example in the document, and an Ajv
// validator that understands OpenAPI 3.0 schemas. Nothing here knows about the Engagifii API,
// so it works on the reconstructed spec and on a pulled live document alike.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

export const DEFAULT_SPEC_PATH = fileURLToPath(new URL("../../specs/engagifii-crm.openapi.yaml", import.meta.url));

export interface Reference {
  $ref: string;
}
export type SchemaObject = { [keyword: string]: unknown };
export type MaybeRef<T> = T | Reference;

export interface ExampleObject {
  summary?: string;
  value?: unknown;
  externalValue?: string;
}
export interface MediaTypeObject {
  schema?: MaybeRef<SchemaObject>;
  example?: unknown;
  examples?: Record<string, MaybeRef<ExampleObject>>;
}
export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema?: MaybeRef<SchemaObject>;
  example?: unknown;
  examples?: Record<string, MaybeRef<ExampleObject>>;
  content?: Record<string, MediaTypeObject>;
}
export type HeaderObject = Omit<ParameterObject, "name" | "in">;
export interface ResponseObject {
  description: string;
  headers?: Record<string, MaybeRef<HeaderObject>>;
  content?: Record<string, MediaTypeObject>;
}
export interface RequestBodyObject {
  required?: boolean;
  content: Record<string, MediaTypeObject>;
}
export type SecurityRequirement = Record<string, string[]>;
export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: SecurityRequirement[];
  parameters?: MaybeRef<ParameterObject>[];
  requestBody?: MaybeRef<RequestBodyObject>;
  responses: Record<string, MaybeRef<ResponseObject>>;
}
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export type PathItemObject = { parameters?: MaybeRef<ParameterObject>[] } & Partial<
  Record<HttpMethod, OperationObject>
>;
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string; [key: string]: unknown };
  servers?: { url: string; description?: string }[];
  tags?: { name: string; description?: string }[];
  security?: SecurityRequirement[];
  paths: Record<string, PathItemObject>;
  components?: { schemas?: Record<string, SchemaObject>; [section: string]: unknown };
}

/** Reads the document at `path`; SPEC_PATH in the environment overrides the default (e.g. to check a pulled spec). */
export function loadSpec(path: string = process.env.SPEC_PATH ?? DEFAULT_SPEC_PATH): OpenApiDocument {
  return parse(readFileSync(path, "utf8")) as OpenApiDocument;
}

function isReference(value: unknown): value is Reference {
  return typeof value === "object" && value !== null && typeof (value as Reference).$ref === "string";
}

/** Follows local `#/...` references (including chains) and returns the object they point to. */
export function resolve<T>(document: OpenApiDocument, value: MaybeRef<T>): T {
  const seen = new Set<string>();
  let current: unknown = value;
  while (isReference(current)) {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`Only local references are supported, got ${ref}`);
    if (seen.has(ref)) throw new Error(`Circular reference ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split("/")
      .map((token) => decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    if (current === undefined) throw new Error(`Unresolvable reference ${ref}`);
  }
  return current as T;
}

export interface OperationEntry {
  method: HttpMethod;
  path: string;
  operation: OperationObject;
  /** Path-level and operation-level parameters, resolved; operation-level ones win. */
  parameters: ParameterObject[];
  /** e.g. "POST /api/v1/people", for test names. */
  label: string;
}

export function listOperations(document: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const byKey = new Map<string, ParameterObject>();
      for (const parameter of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
        const resolved = resolve(document, parameter);
        byKey.set(`${resolved.in}:${resolved.name}`, resolved);
      }
      entries.push({
        method,
        path,
        operation,
        parameters: [...byKey.values()],
        label: `${method.toUpperCase()} ${path}`,
      });
    }
  }
  return entries;
}

export interface ExampleCase {
  /** Where the example sits, e.g. "POST /api/v1/people response 201 application/json examples.janeSmith". */
  location: string;
  schema: MaybeRef<SchemaObject> | undefined;
  value: unknown;
}

function examplesOf(
  document: OpenApiDocument,
  location: string,
  holder: { schema?: MaybeRef<SchemaObject>; example?: unknown; examples?: Record<string, MaybeRef<ExampleObject>> },
): ExampleCase[] {
  const cases: ExampleCase[] = [];
  if (holder.example !== undefined)
    cases.push({ location: `${location} example`, schema: holder.schema, value: holder.example });
  for (const [name, example] of Object.entries(holder.examples ?? {})) {
    const resolved = resolve(document, example);
    // An externalValue lives outside the document and cannot be checked here.
    if (resolved.value === undefined) continue;
    cases.push({ location: `${location} examples.${name}`, schema: holder.schema, value: resolved.value });
  }
  return cases;
}

function contentExamples(
  document: OpenApiDocument,
  location: string,
  content: Record<string, MediaTypeObject> | undefined,
): ExampleCase[] {
  return Object.entries(content ?? {}).flatMap(([mediaType, media]) =>
    examplesOf(document, `${location} ${mediaType}`, media),
  );
}

/** Every parameter, request body, response body and response header example reachable from an operation. */
export function collectOperationExamples(document: OpenApiDocument): ExampleCase[] {
  return listOperations(document).flatMap(({ label, operation, parameters }) => [
    ...parameters.flatMap((parameter) => [
      ...examplesOf(document, `${label} parameter ${parameter.name}`, parameter),
      ...contentExamples(document, `${label} parameter ${parameter.name}`, parameter.content),
    ]),
    ...(operation.requestBody
      ? contentExamples(document, `${label} requestBody`, resolve(document, operation.requestBody).content)
      : []),
    ...Object.entries(operation.responses ?? {}).flatMap(([status, responseOrRef]) => {
      const response = resolve(document, responseOrRef);
      return [
        ...contentExamples(document, `${label} response ${status}`, response.content),
        ...Object.entries(response.headers ?? {}).flatMap(([name, header]) =>
          examplesOf(document, `${label} response ${status} header ${name}`, resolve(document, header)),
        ),
      ];
    }),
  ]);
}

const SCHEMA_MAP_KEYWORDS = ["properties", "patternProperties", "definitions", "$defs"];
const SCHEMA_KEYWORDS = ["additionalProperties", "items", "not", "additionalItems", "contains", "propertyNames"];
const SCHEMA_ARRAY_KEYWORDS = ["allOf", "anyOf", "oneOf", "items"];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Calls `visit` on a schema and on every subschema it contains, with a JSON-pointer-like location. */
function walkSchema(schema: unknown, location: string, visit: (node: SchemaObject, location: string) => void): void {
  if (!isObject(schema)) return;
  visit(schema, location);
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const map = schema[keyword];
    if (!isObject(map)) continue;
    for (const [name, child] of Object.entries(map)) walkSchema(child, `${location}/${keyword}/${name}`, visit);
  }
  for (const keyword of SCHEMA_KEYWORDS) walkSchema(schema[keyword], `${location}/${keyword}`, visit);
  for (const keyword of SCHEMA_ARRAY_KEYWORDS) {
    const list = schema[keyword];
    if (!Array.isArray(list)) continue;
    for (const [index, child] of list.entries()) walkSchema(child, `${location}/${keyword}/${index}`, visit);
  }
}

/** The `example` of every schema and subschema under components/schemas. */
export function collectSchemaExamples(document: OpenApiDocument): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    walkSchema(schema, `#/components/schemas/${name}`, (node, location) => {
      if (node.example !== undefined)
        cases.push({ location: `${location} example`, schema: node, value: node.example });
    });
  }
  return cases;
}

// OpenAPI 3.0 keywords that are not JSON Schema; dropped before Ajv sees the schema.
const OPENAPI_ONLY_KEYWORDS = new Set(["nullable", "example", "discriminator", "xml", "externalDocs"]);
const COMPONENTS_ID = "openapi:components";
const COMPONENT_SCHEMA_PREFIX = "#/components/schemas/";

/**
 * Converts an OpenAPI 3.0 schema to JSON Schema (draft-07) for Ajv: `nullable: true` becomes a
 * "null" type, boolean `exclusiveMinimum`/`exclusiveMaximum` become numeric, and component
 * references point into the components schema registered with Ajv.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === "string") {
    // OpenAPI 3.0 ignores siblings of $ref.
    if (!schema.$ref.startsWith(COMPONENT_SCHEMA_PREFIX))
      throw new Error(`Unsupported schema reference ${schema.$ref}`);
    return { $ref: `${COMPONENTS_ID}#/definitions/${schema.$ref.slice(COMPONENT_SCHEMA_PREFIX.length)}` };
  }
  const result: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY_KEYWORDS.has(keyword) || keyword.startsWith("x-")) continue;
    if (SCHEMA_MAP_KEYWORDS.includes(keyword) && isObject(value)) {
      result[keyword] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, toJsonSchema(child)]));
    } else if (SCHEMA_KEYWORDS.includes(keyword) || SCHEMA_ARRAY_KEYWORDS.includes(keyword)) {
      result[keyword] = toJsonSchema(value);
    } else {
      result[keyword] = value;
    }
  }
  for (const [bound, limit] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (result[bound] === true) {
      result[bound] = result[limit];
      delete result[limit];
    } else if (result[bound] === false) {
      delete result[bound];
    }
  }
  if (schema.nullable !== true) return result;
  if (Array.isArray(result.enum) && !result.enum.includes(null)) result.enum = [...result.enum, null];
  if (typeof result.type === "string") return { ...result, type: [result.type, "null"] };
  return { anyOf: [result, { type: "null" }] };
}

export interface ValidationResult {
  valid: boolean;
  /** Ajv's messages, one per line; empty when valid. */
  errors: string;
}

/** Returns a function that validates a value against an OpenAPI 3.0 schema of `document`. */
export function createSchemaValidator(
  document: OpenApiDocument,
): (schema: MaybeRef<SchemaObject> | undefined, value: unknown) => ValidationResult {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const definitions = Object.fromEntries(
    Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [name, toJsonSchema(schema)]),
  );
  ajv.addSchema({ $id: COMPONENTS_ID, definitions });
  return (schema, value) => {
    if (schema === undefined) return { valid: false, errors: "no schema to validate against" };
    const validate = ajv.compile(toJsonSchema(schema) as object);
    const valid = validate(value);
    const errors = (validate.errors ?? [])
      .map((error) => `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`)
      .join("\n");
    return { valid, errors };
  };
}
