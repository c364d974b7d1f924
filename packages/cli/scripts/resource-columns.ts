import { type OpenApiDocument, resolveReference } from "../src/document/load-document.js";
import { operationAt } from "../src/document/operations.js";
import { listItemSchema, objectFields } from "../src/document/schemas.js";
import type { OperationReference } from "../src/resource-entry.js";

const scalarTypes = new Set(["string", "number", "integer", "boolean"]);
const maximumColumns = 6;

/**
 * The readable table's columns: the list item's required scalar fields (dates left out, they are
 * wide), or its first scalar fields when it requires fewer than two.
 */
export function tableColumns(document: OpenApiDocument, list: OperationReference | undefined): string[] {
  if (!list) return [];
  const fields = objectFields(document, listItemSchema(document, operationAt(document, list)));
  const scalar = fields.names.filter((name) => {
    const field = fields.types.get(name);
    return scalarTypes.has(field?.type ?? "") && field?.format !== "date-time";
  });
  const required = scalar.filter((name) => fields.required.has(name));
  return (required.length >= 2 ? required : scalar).slice(0, maximumColumns);
}

/**
 * "person" for a get operation answering `#/components/schemas/Person`, or `PersonDto`: the suffixes that name a
 * schema's role in ASP.NET code (Dto, Model, ViewModel) are not part of what the record is.
 */
export function singularName(document: OpenApiDocument, get: OperationReference | undefined): string | undefined {
  if (!get) return undefined;
  const responses = (operationAt(document, get).definition.responses ?? {}) as Record<string, unknown>;
  const success = Object.entries(responses).find(([status]) => status.startsWith("2"))?.[1];
  const response = resolveReference(document, success) as { content?: Record<string, { schema?: unknown }> };
  const reference = (response?.content?.["application/json"]?.schema as { $ref?: unknown } | undefined)?.$ref;
  if (typeof reference !== "string") return undefined;
  const name = (reference.split("/").at(-1) ?? "").replace(/(?<=.)(Dto|DTO|ViewModel|Model)$/, "");
  return name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase() || undefined;
}
