// Values for the tests of the commands as shipped, from the API document in use (whatever specs/
// holds): request bodies and records generated from its schemas by the mock server's seeded
// generator, so every run sends the same values, and they fit the document's types and formats.
import type { JsonSchema } from "../../mock-server/src/document/http-operation.js";
import { fakeValue } from "../../mock-server/src/generate/fake-value.js";
import { seededFaker } from "../../mock-server/src/generate/seeded-faker.js";
import { type OpenApiDocument, resolveReference } from "../src/document/load-document.js";
import { operationAt } from "../src/document/operations.js";
import { listItemSchema, requestBodySchema } from "../src/document/schemas.js";
import type { OperationReference } from "../src/resource-entry.js";

const seedText = "engagifii-cli-tests";

/** A schema with every `$ref` replaced by its target, as the generator reads it. */
export function dereference(document: OpenApiDocument, schema: unknown, depth = 0): JsonSchema {
  const resolved = resolveReference(document, schema);
  if (typeof resolved !== "object" || resolved === null || depth > 12) return {};
  if (Array.isArray(resolved)) return resolved.map((item) => dereference(document, item, depth + 1)) as never;
  return Object.fromEntries(
    Object.entries(resolved).map(([key, value]) => [
      key,
      typeof value === "object" && value !== null && key !== "enum" && key !== "example"
        ? key === "properties"
          ? Object.fromEntries(
              Object.entries(value).map(([name, property]) => [name, dereference(document, property, depth + 1)]),
            )
          : dereference(document, value, depth + 1)
        : value,
    ]),
  );
}

/** The properties of a dereferenced object schema. */
export function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  return (schema.properties ?? {}) as Record<string, JsonSchema>;
}

/** The request body schema of an operation, dereferenced. */
export function bodySchema(document: OpenApiDocument, reference: OperationReference): JsonSchema {
  return dereference(document, requestBodySchema(document, operationAt(document, reference)));
}

/** The schema of one item of a list operation, dereferenced. */
export function itemSchema(document: OpenApiDocument, reference: OperationReference): JsonSchema {
  return dereference(document, listItemSchema(document, operationAt(document, reference)));
}

/**
 * A body for a write: the scalar fields of its schema (the ones -f and -F can give), without
 * `id`, which the server picks, and without readOnly fields. `variant` makes another body.
 */
export function scalarBody(
  document: OpenApiDocument,
  reference: OperationReference,
  variant: string | number = 0,
): Record<string, unknown> {
  const schema = bodySchema(document, reference);
  const writable = Object.fromEntries(
    Object.entries(propertiesOf(schema)).filter(([name, property]) => name !== "id" && property.readOnly !== true),
  );
  const body = fakeValue(
    { ...schema, properties: writable },
    seededFaker(seedText, reference.method, reference.path, variant),
    reference.path,
  ) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value === null || typeof value !== "object"));
}

/** The body as -f (strings) and -F (numbers, booleans, null) flags. */
export function fieldFlags(body: Record<string, unknown>): string[] {
  return Object.entries(body).flatMap(([name, value]) =>
    typeof value === "string" ? ["-f", `${name}=${value}`] : ["-F", `${name}=${String(value)}`],
  );
}

/** The id of record number `index`, of the type the schema's `id` has: a uuid, an integer or a string. */
export function recordId(schema: JsonSchema, index: number): string | number {
  return uniqueValue(propertiesOf(schema).id, index);
}

/** Value number `index` of a key field: an integer for a number, else a uuid (which any text field takes). */
export function uniqueValue(property: JsonSchema | undefined, index: number): string | number {
  const type = Array.isArray(property?.type) ? property.type.find((name) => name !== "null") : property?.type;
  if (type === "integer" || type === "number") return index + 1;
  return `00000000-0000-4000-8000-${String(index + 1).padStart(12, "0")}`;
}

/**
 * `count` records of a list's items, each with its own id, in id order. They are drawn from a few
 * dozen generated records, so that a hundred thousand cost no more time than a few dozen.
 */
export function listRecords(
  document: OpenApiDocument,
  list: OperationReference,
  count: number,
): Record<string, unknown>[] {
  const schema = itemSchema(document, list);
  const samples = Array.from(
    { length: Math.min(count, 50) },
    (_, index) => fakeValue(schema, seededFaker(seedText, list.path, "record", index), list.path) as object,
  );
  return Array.from({ length: count }, (_, index) => ({
    ...samples[index % samples.length],
    id: recordId(schema, index),
  }));
}

/**
 * The columns of a sync file for a create operation: its body's writable text fields, matched by an email field if
 * there is one (else the first), and another plain text field a test can change. Throws when there are not two.
 */
export function syncColumns(document: OpenApiDocument, create: OperationReference) {
  const textFields = Object.entries(propertiesOf(bodySchema(document, create)))
    .filter(([name, property]) => name !== "id" && property.readOnly !== true && property.type === "string")
    .map(([name, property]) => ({ name, format: property.format }));
  const match = textFields.find((field) => field.format === "email") ?? textFields[0];
  const changed = textFields.find((field) => field !== match && field.format === undefined);
  if (!match || !changed) throw new Error(`${create.method} ${create.path} needs two text fields for a sync test`);
  return { columns: textFields.map((field) => field.name), match, changed };
}
