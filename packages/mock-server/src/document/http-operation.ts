import type { getHttpOperationsFromSpec } from "@stoplight/prism-http";

/** One operation of the document as Prism reads it: dereferenced, Swagger 2 or OpenAPI 3 alike. */
export type HttpOperation = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>[number];

/** A JSON Schema (Prism turns OpenAPI schemas into draft 7: `nullable` becomes a `null` type). */
export type JsonSchema = Record<string, unknown>;

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The first 2xx response of an operation: its status and JSON body schema, if any. */
export function successResponse(operation: HttpOperation): { status: number; schema?: JsonSchema } {
  const response = operation.responses
    .filter((candidate) => /^2\d\d$/.test(candidate.code))
    .sort((left, right) => left.code.localeCompare(right.code))[0];
  if (response === undefined) return { status: 200 };
  const schema = jsonContent(response.contents)?.schema;
  return { status: Number(response.code), ...(isObject(schema) ? { schema } : {}) };
}

/** The JSON schema of the request body, if the operation takes one. */
export function requestBodySchema(operation: HttpOperation): JsonSchema | undefined {
  const schema = jsonContent(operation.request?.body?.contents)?.schema;
  return isObject(schema) ? schema : undefined;
}

/** Whether the operation documents a response with this status. */
export function documentsStatus(operation: HttpOperation, status: number): boolean {
  return operation.responses.some((response) => response.code === String(status));
}

/** The example values of a response with this status, in document order. */
export function responseExamples(operation: HttpOperation, status: string): unknown[] {
  const response = operation.responses.find((candidate) => candidate.code === status);
  const examples = jsonContent(response?.contents)?.examples ?? [];
  return examples.flatMap((example) => ("value" in example ? [example.value] : []));
}

type Contents = NonNullable<HttpOperation["responses"][number]["contents"]>;

function jsonContent(contents: Contents | undefined): Contents[number] | undefined {
  return contents?.find((content) => /[/+]json\b/.test(content.mediaType)) ?? contents?.[0];
}

/** The properties of an object schema, `{}` for anything else. */
export function schemaProperties(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  const properties = schema?.properties;
  return isObject(properties) ? (properties as Record<string, JsonSchema>) : {};
}

/** Whether a schema allows this JSON type (`type` may be a string or, after `nullable`, a list). */
export function allowsType(schema: JsonSchema | undefined, type: string): boolean {
  const declared = schema?.type;
  return Array.isArray(declared) ? declared.includes(type) : declared === type;
}
