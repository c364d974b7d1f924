// Scalar values that look real: numbers in a range chosen by the property's name and the schema,
// strings by format, pattern and name. fake-value.ts walks the schema and calls these.
import type { Faker } from "@faker-js/faker";
import type { JsonSchema } from "../document/http-operation.js";
import { isIdentifierName, stringForName } from "./name-rules.js";

const earliest = new Date("2020-01-01T00:00:00Z");
const latest = new Date("2026-06-30T00:00:00Z");

export function fakeNumber(schema: JsonSchema, faker: Faker, name: string, integer: boolean): number {
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

/** A string by format, then pattern, then property name (on a record at `subject`). */
export function fakeString(schema: JsonSchema, faker: Faker, name: string, subject: string): string {
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
  return stringForName(name, faker, subject) ?? faker.lorem.words(2);
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

export function fitLength(schema: JsonSchema, value: string, faker: Faker): string {
  const minimum = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maximum = typeof schema.maxLength === "number" ? schema.maxLength : Number.MAX_SAFE_INTEGER;
  const padded = value.length < minimum ? value + faker.string.alpha(minimum - value.length) : value;
  return padded.slice(0, maximum);
}
