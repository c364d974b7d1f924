// A value for a JSON schema (as Prism dereferences it), that looks real: names, emails, phone
// numbers, dates and ids by format and by property name, enums from the schema, numbers in range.
// Never Prism's `"string"` or `-2147483648`. The caller seeds the Faker (see seeded-faker.ts).
import type { Faker } from "@faker-js/faker";
import { isObject, type JsonSchema } from "../document/http-operation.js";
import { fakeNumber, fakeString, fitLength } from "./fake-scalar.js";

const maximumDepth = 8;

/** A value for `schema`. `subject` is what it describes, e.g. the operation's path (`/api/Organization/…`),
 *  so that a bare `name` is a company's name under an organization and a person's name under a person. */
export function fakeValue(schema: JsonSchema | undefined, faker: Faker, subject = ""): unknown {
  return valueFor(schema, { faker, subject }, "", 0);
}

interface Context {
  faker: Faker;
  subject: string;
}

function valueFor(schema: JsonSchema | undefined, context: Context, name: string, depth: number): unknown {
  const { faker } = context;
  if (schema === undefined || depth > maximumDepth) return null;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return structuredClone(schema.examples[0]);
  if (schema.example !== undefined) return structuredClone(schema.example);
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter((value) => value !== null);
    return values.length > 0 ? faker.helpers.arrayElement(values) : null;
  }
  if (Array.isArray(schema.allOf)) return valueFor(mergeAll(schema), context, name, depth);
  const choices = (schema.oneOf ?? schema.anyOf) as unknown;
  if (Array.isArray(choices)) {
    const choice = choices.find((option) => isObject(option) && option.type !== "null");
    return valueFor(isObject(choice) ? choice : undefined, context, name, depth + 1);
  }
  switch (typeOf(schema)) {
    case "object":
      return fakeObject(schema, context, depth);
    case "array":
      return fakeArray(schema, context, name, depth);
    case "integer":
      return fakeNumber(schema, faker, name, true);
    case "number":
      return fakeNumber(schema, faker, name, false);
    case "boolean":
      return faker.datatype.boolean();
    case "null":
      return null;
    default:
      return fitLength(schema, fakeString(schema, faker, name, context.subject), faker);
  }
}

function typeOf(schema: JsonSchema): string {
  const declared = Array.isArray(schema.type) ? schema.type.find((type) => type !== "null") : schema.type;
  if (typeof declared === "string") return declared;
  return isObject(schema.properties) ? "object" : "string";
}

function mergeAll(schema: JsonSchema): JsonSchema {
  const parts = [schema, ...(schema.allOf as unknown[]).filter(isObject)];
  const merged: JsonSchema = { type: "object", properties: {}, required: [] };
  for (const part of parts) {
    merged.properties = { ...(merged.properties as object), ...(isObject(part.properties) ? part.properties : {}) };
    if (part.type !== undefined && part !== schema) merged.type = part.type;
  }
  return merged;
}

function fakeObject(schema: JsonSchema, context: Context, depth: number): Record<string, unknown> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const record: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    record[name] = valueFor(isObject(property) ? property : undefined, context, name, depth + 1);
  }
  return record;
}

function fakeArray(schema: JsonSchema, context: Context, name: string, depth: number): unknown[] {
  const { faker } = context;
  const minimum = typeof schema.minItems === "number" ? schema.minItems : 1;
  const maximum = typeof schema.maxItems === "number" ? schema.maxItems : Math.max(minimum, 3);
  const count = faker.number.int({ min: minimum, max: Math.max(minimum, Math.min(maximum, minimum + 2)) });
  const items = isObject(schema.items) ? schema.items : undefined;
  const values = Array.from({ length: count }, () => valueFor(items, context, singular(name), depth + 1));
  if (schema.uniqueItems !== true) return values;
  const seen = new Set<string>();
  return values.filter((value) => !seen.has(JSON.stringify(value)) && seen.add(JSON.stringify(value)));
}

function singular(name: string): string {
  return name.endsWith("ies") ? `${name.slice(0, -3)}y` : name.replace(/s$/, "");
}
