// The generator behind documents without examples: for every response schema of the two live-shaped
// fixtures and of our document, a value that the schema accepts, looks real (never Prism's
// `"string"` or -2147483648), and is the same for the same seed.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { type HttpOperation, isObject, type JsonSchema } from "../src/document/http-operation.js";
import { fakeValue } from "../src/generate/fake-value.js";
import { seededFaker } from "../src/generate/seeded-faker.js";
import { loadOperations } from "../src/load-operations.js";
import { liveShapedOpenApi3, liveShapedSwagger2, repositorySpec } from "./helpers.js";

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const format of ["int32", "int64", "float", "double", "guid"]) ajv.addFormat(format, true);

function responseSchemas(operations: HttpOperation[]): Array<[string, JsonSchema]> {
  return operations.flatMap((operation) =>
    operation.responses.flatMap((response) =>
      (response.contents ?? []).flatMap((content) => {
        const { $schema: _draft, ...schema } = isObject(content.schema) ? content.schema : {};
        const label = `${operation.method} ${operation.path} ${response.code} ${content.mediaType}`;
        return Object.keys(schema).length === 0 ? [] : [[label, schema] as [string, JsonSchema]];
      }),
    ),
  );
}

// Every string and number inside a value, with the property it sits under.
function leaves(value: unknown, name = ""): Array<[string, unknown]> {
  if (Array.isArray(value)) return value.flatMap((item) => leaves(item, name));
  if (isObject(value)) return Object.entries(value).flatMap(([key, item]) => leaves(item, key));
  return [[name, value]];
}

describe.each([
  ["live-shaped OpenAPI 3", liveShapedOpenApi3],
  ["live-shaped Swagger 2", liveShapedSwagger2],
  ["our document", repositorySpec],
])("generated data for %s", (_name, spec) => {
  it("fits every response schema, with no placeholder strings or extreme integers", async () => {
    const schemas = responseSchemas(await loadOperations(spec));
    expect(schemas.length).toBeGreaterThan(3);
    for (const [label, schema] of schemas) {
      const value = fakeValue(schema, seededFaker("test", label));
      const validate = ajv.compile(schema);
      expect(validate(value) ? "" : ajv.errorsText(validate.errors), label).toBe("");
      for (const [property, leaf] of leaves(value)) {
        expect(leaf, `${label} ${property}`).not.toBe("string");
        expect(leaf, `${label} ${property}`).not.toBe(-2147483648);
      }
    }
  });

  it("is the same for the same seed and differs for another", async () => {
    const [[label, schema] = ["", {}]] = responseSchemas(await loadOperations(spec));
    const first = fakeValue(schema, seededFaker("one", label));
    expect(fakeValue(schema, seededFaker("one", label))).toEqual(first);
    expect(fakeValue(schema, seededFaker("two", label))).not.toEqual(first);
  });
});

describe("real-looking values", () => {
  it("chooses by format, then by property name, and takes enums from the schema", () => {
    const person = fakeValue(
      {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          personId: { type: "string" },
          firstName: { type: "string" },
          email: { type: ["string", "null"] },
          phone: { type: "string" },
          createdDate: { type: "string", format: "date-time" },
          membershipStatus: { type: "integer", format: "int32", enum: [0, 1, 2] },
          age: { type: "integer", format: "int32" },
          code: { type: "string", pattern: "^[A-Z]{3}-\\d{4}$" },
        },
      },
      seededFaker("people"),
    ) as Record<string, unknown>;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(person.id).toMatch(uuid);
    expect(person.personId).toMatch(uuid);
    expect(person.firstName).toMatch(/^[A-Z][a-z'-]+$/);
    expect(person.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(person.phone).toMatch(/\d{3}.*\d{4}$/);
    expect(Date.parse(String(person.createdDate))).toBeGreaterThan(Date.parse("2019-12-31"));
    expect([0, 1, 2]).toContain(person.membershipStatus);
    expect(person.age).toBeGreaterThanOrEqual(18);
    expect(person.code).toMatch(/^[A-Z]{3}-\d{4}$/);
  });
});

describe("a bare name", () => {
  it("is a company's under an organization path and a person's under a people path", () => {
    const schema = { type: "object", properties: { name: { type: "string" } } };
    const organization = fakeValue(schema, seededFaker("name"), "/api/Organization/PagingList") as { name: string };
    const person = fakeValue(schema, seededFaker("name"), "/api/v1/organizations/{id}/people") as { name: string };
    expect(organization.name).not.toBe(person.name);
    expect(organization.name).toMatch(/\b(Inc|LLC|Group|and|-)\b|[A-Z][a-z]+ [A-Z]/);
    expect(person.name).toMatch(/^[A-Z][a-zA-Z'.]+( [A-Z][a-zA-Z'.-]+)+$/);
  });
});
