// A value for a JSON schema (as Prism dereferences it), that looks real: names, emails, phone
// numbers, dates and ids by format and by property name, enums from the schema, numbers in range.
// Never Prism's `"string"` or `-2147483648`. The caller seeds the Faker (see seeded-faker.ts).
import type { Faker } from "@faker-js/faker";
import { isObject, type JsonSchema } from "../document/http-operation.js";
import { isIdentifierName, stringForName } from "./name-rules.js";

const maximumDepth = 8;
const earliest = new Date("2020-01-01T00:00:00Z");
const latest = new Date("2026-06-30T00:00:00Z");

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
      return fitLength(schema, fakeString(schema, context, name), faker);
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

function fakeNumber(schema: JsonSchema, faker: Faker, name: string, integer: boolean): number {
  const [low, high] = /count|total|quantity/i.test(name)
    ? [0, 100]
    : /year/i.test(name)
      ? [1990, 2026]
      : /age$/i.test(name)
        ? [18, 90]
        : isIdentifierName(name)
          ? [1, 99_999]
          : [0, 1000];
  const minimum = bound(schema.minimum, schema.exclusiveMinimum, 1) ?? low;
  const maximum = bound(schema.maximum, schema.exclusiveMaximum, -1) ?? Math.max(high, minimum);
  const min = Math.min(Math.max(minimum, low), maximum);
  const max = Math.max(Math.min(maximum, Math.max(high, min)), min);
  return integer
    ? faker.number.int({ min: Math.ceil(min), max: Math.floor(max) })
    : faker.number.float({ min, max, fractionDigits: 2 });
}

function bound(inclusive: unknown, exclusive: unknown, step: number): number | undefined {
  if (typeof exclusive === "number") return exclusive + step;
  return typeof inclusive === "number" ? inclusive : undefined;
}

function fakeString(schema: JsonSchema, context: Context, name: string): string {
  const { faker } = context;
  const date = () => faker.date.between({ from: earliest, to: latest }).toISOString();
  switch (schema.format) {
    case "uuid":
    case "guid":
      return faker.string.uuid();
    case "date-time":
      return date();
    case "date":
      return date().slice(0, 10);
    case "time":
      return date().slice(11, 19);
    case "email":
      return faker.internet.email().toLowerCase();
    case "uri":
    case "url":
      return faker.internet.url();
    case "hostname":
      return faker.internet.domainName();
    case "ipv4":
      return faker.internet.ipv4();
    case "byte":
      return Buffer.from(faker.lorem.word()).toString("base64");
  }
  if (typeof schema.pattern === "string") {
    const fitting = fromPattern(schema.pattern, faker);
    if (fitting !== undefined) return fitting;
  }
  if (isIdentifierName(name)) return faker.string.uuid();
  return stringForName(name, faker, context.subject) ?? faker.lorem.words(2);
}

function fromPattern(pattern: string, faker: Faker): string | undefined {
  try {
    // Faker knows classes like [0-9] but not the shorthands; a value that still misses the pattern is dropped.
    const expanded = pattern
      .replace(/^\^|\$$/g, "")
      .replaceAll("\\d", "[0-9]")
      .replaceAll("\\w", "[a-zA-Z0-9_]");
    const value = faker.helpers.fromRegExp(expanded);
    return new RegExp(pattern).test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function fitLength(schema: JsonSchema, value: string, faker: Faker): string {
  const minimum = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maximum = typeof schema.maxLength === "number" ? schema.maxLength : Number.MAX_SAFE_INTEGER;
  const padded = value.length < minimum ? value + faker.string.alpha(minimum - value.length) : value;
  return padded.slice(0, maximum);
}

function singular(name: string): string {
  return name.endsWith("ies") ? `${name.slice(0, -3)}y` : name.replace(/s$/, "");
}
