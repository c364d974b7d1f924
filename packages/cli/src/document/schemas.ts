import { type OpenApiDocument, resolveReference } from "./load-document.js";
import type { Operation } from "./operations.js";

/** The fields of an object schema: names in document order, which are required, and each one's type. */
export interface ObjectFields {
  names: string[];
  required: Set<string>;
  types: Map<string, { type: string | undefined; format: string | undefined; nullable: boolean }>;
}

export function objectFields(document: OpenApiDocument, schema: unknown): ObjectFields {
  const resolved = resolveReference(document, schema) as
    | { properties?: Record<string, unknown>; required?: string[] }
    | undefined;
  const properties = resolved?.properties ?? {};
  const types = new Map<string, { type: string | undefined; format: string | undefined; nullable: boolean }>();
  for (const [name, property] of Object.entries(properties)) {
    const field = resolveReference(document, property) as { type?: string; format?: string; nullable?: boolean };
    types.set(name, { type: field.type, format: field.format, nullable: field.nullable === true });
  }
  return { names: Object.keys(properties), required: new Set(resolved?.required ?? []), types };
}

/** The JSON request body's schema of an operation, if it has one. */
export function requestBodySchema(document: OpenApiDocument, operation: Operation): unknown {
  const body = resolveReference(document, operation.definition.requestBody) as
    | { content?: Record<string, { schema?: unknown }> }
    | undefined;
  return body?.content?.["application/json"]?.schema;
}

/** The item schema of a list operation: the first array property of its 2xx JSON response. */
export function listItemSchema(document: OpenApiDocument, operation: Operation): unknown {
  const responses = (operation.definition.responses ?? {}) as Record<string, unknown>;
  const success = Object.entries(responses).find(([status]) => status.startsWith("2"))?.[1];
  const response = resolveReference(document, success) as
    | { content?: Record<string, { schema?: unknown }> }
    | undefined;
  const page = resolveReference(document, response?.content?.["application/json"]?.schema) as
    | { properties?: Record<string, unknown>; items?: unknown }
    | undefined;
  if (page?.items) return page.items;
  const array = Object.values(page?.properties ?? {})
    .map((property) => resolveReference(document, property) as { type?: string; items?: unknown })
    .find((property) => property.type === "array");
  return array?.items;
}
