// OpenAPI 3.0 schemas are not quite JSON Schema: `nullable` is their own keyword, `example` is
// not a validation keyword, and `$ref`s point at #/components/schemas. This converts one schema
// to draft-07 for Ajv, with component references pointing into the registered `componentsId`.
export const componentsId = "openapi:components";

const schemaMaps = ["properties", "patternProperties"];
const subschemas = ["items", "additionalProperties", "not"];
const subschemaLists = ["allOf", "anyOf", "oneOf"];
const openApiOnly = new Set([
  "nullable",
  "example",
  "discriminator",
  "xml",
  "externalDocs",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

export function toJsonSchema(schema: unknown): unknown {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const node = schema as Record<string, unknown>;
  if (typeof node.$ref === "string") {
    return { $ref: node.$ref.replace(/^#\/components\/schemas\//, `${componentsId}#/definitions/`) };
  }
  const result: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (openApiOnly.has(keyword) || keyword.startsWith("x-")) continue;
    if (schemaMaps.includes(keyword) && typeof value === "object" && value !== null) {
      result[keyword] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, toJsonSchema(child)]));
    } else if (subschemas.includes(keyword)) {
      result[keyword] = toJsonSchema(value);
    } else if (subschemaLists.includes(keyword) && Array.isArray(value)) {
      result[keyword] = value.map(toJsonSchema);
    } else {
      result[keyword] = value;
    }
  }
  if (node.nullable !== true) return result;
  if (Array.isArray(result.enum) && !result.enum.includes(null)) result.enum = [...result.enum, null];
  if (typeof result.type === "string") return { ...result, type: [result.type, "null"] };
  return { anyOf: [result, { type: "null" }] };
}
