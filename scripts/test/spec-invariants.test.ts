// Invariants of specs/engagifii-crm.openapi.yaml that the client, the generated types and the
// Prism mock rely on. Redocly lint checks OpenAPI correctness; this file checks our contract.
// Pagination is checked where it is used: the generated metadata's detection (packages/types) and
// every paged operation through crm.paginate (packages/client/test/pagination.test.ts).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  collectOperationExamples,
  collectSchemaExamples,
  createSchemaValidator,
  DEFAULT_SPEC_PATH,
  listOperations,
  loadSpec,
  type OperationEntry,
  resolve,
} from "./load-spec.js";

// Rules, not our guide's paths: they must hold for the live document too, once spec:update swaps it in.

const document = loadSpec();
const operations = listOperations(document);
const validate = createSchemaValidator(document);

function responseCodes({ operation }: OperationEntry): string[] {
  return Object.keys(operation.responses);
}

const clientCredentials = () => {
  const schemes = Object.values(document.components?.securitySchemes ?? {}) as Record<string, unknown>[];
  const oauth2 = schemes.find((scheme) => scheme.type === "oauth2") as
    | { flows?: { clientCredentials?: { tokenUrl?: string; scopes?: Record<string, string> } } }
    | undefined;
  return oauth2?.flows?.clientCredentials;
};

describe("document metadata", () => {
  it("names at least one server, over https", () => {
    for (const { url } of document.servers ?? []) expect(url).toMatch(/^https:\/\//);
  });

  it("describes every tag it declares", () => {
    for (const { name, description } of document.tags ?? []) expect(description, name).toBeTruthy();
  });
});

describe("operations", () => {
  it("have unique operationIds (the resource map and the changesets name operations by them)", () => {
    const ids = operations.map(({ operation }) => operation.operationId).filter((id) => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(operations.map((entry) => [entry.label, entry] as const))("%s has a success response", (_, entry) => {
    expect(responseCodes(entry).some((code) => /^2\d\d$/.test(code))).toBe(true);
  });
});

describe("security", () => {
  it("declares an OAuth2 client-credentials flow with a token URL and scopes: the client's defaults", () => {
    const flow = clientCredentials();
    expect(flow?.tokenUrl).toBeTruthy();
    expect(Object.keys(flow?.scopes ?? {}).length).toBeGreaterThan(0);
  });

  it("leaves the token endpoint unauthenticated, when the document has it", () => {
    const tokenUrl = clientCredentials()?.tokenUrl ?? "";
    const token = operations.find(({ path, method }) => tokenUrl.endsWith(path) && method === "post");
    if (!token) return;
    expect(token.operation.security ?? document.security ?? []).toEqual([]);
  });
});

describe("error responses", () => {
  it.each(operations.map((entry) => [entry.label, entry] as const))(
    "%s declares Retry-After in seconds when it documents a 429",
    (_, entry) => {
      const tooMany = entry.operation.responses["429"];
      if (!tooMany) return;
      const header = resolve(document, tooMany).headers?.["Retry-After"];
      expect(header, "Retry-After header").toBeDefined();
      if (!header) return;
      expect(resolve(document, resolve(document, header).schema ?? {})).toMatchObject({ type: "integer" });
    },
  );
});

describe("examples", () => {
  const operationExamples = collectOperationExamples(document);
  const schemaExamples = collectSchemaExamples(document);

  it("finds the examples the document has (guards against a walk that silently finds none)", () => {
    // The live document has none; ours has many. Either way the walk must agree with the text.
    const written = (
      readFileSync(process.env.SPEC_PATH ?? DEFAULT_SPEC_PATH, "utf8").match(/^\s*(- )?examples?:/gm) ?? []
    ).length;
    expect(operationExamples.length + schemaExamples.length > 0).toBe(written > 0);
  });

  it.each([...operationExamples, ...schemaExamples].map((example) => [example.location, example] as const))(
    "%s validates against its schema",
    (_, { schema, value }) => {
      const result = validate(schema, value);
      expect(result.errors).toBe("");
      expect(result.valid).toBe(true);
    },
  );
});

describe("schema validator (so the example checks cannot pass vacuously)", () => {
  // Checked on schemas of its own (fixtures/validator-schemas.yaml), whatever document specs/ holds.
  const validate = createSchemaValidator(
    loadSpec(fileURLToPath(new URL("fixtures/validator-schemas.yaml", import.meta.url))),
  );
  const person = { $ref: "#/components/schemas/Person" };
  const jane = {
    id: "5b3f8a2c-9d4e-4f61-8a7b-2c1d0e9f8a76",
    firstName: "Jane",
    lastName: "Smith",
    email: "jane.smith@example.com",
    phone: null,
    organizationId: null,
    createdDate: "2024-02-01T09:15:00Z",
    isActive: true,
  };

  it("accepts a valid person, with nullable fields set to null", () => {
    expect(validate(person, jane)).toEqual({ valid: true, errors: "" });
  });

  it.each([
    ["a malformed uuid", { ...jane, id: "not-a-uuid" }],
    ["a malformed email", { ...jane, email: "jane" }],
    ["a malformed date-time", { ...jane, createdDate: "yesterday" }],
    ["null in a non-nullable field", { ...jane, firstName: null }],
    ["a missing required field", { ...jane, isActive: undefined }],
  ])("rejects %s", (_, value) => {
    expect(validate(person, JSON.parse(JSON.stringify(value))).valid).toBe(false);
  });

  it("rejects unknown fields where additionalProperties is false, through nested refs", () => {
    expect(validate({ $ref: "#/components/schemas/PersonCreate" }, { ...jane, nickname: "JJ" }).valid).toBe(false);
    const page = { data: [{ ...jane, id: 42 }], totalCount: 1, pageIndex: 0, pageSize: 50 };
    expect(validate({ $ref: "#/components/schemas/PersonPage" }, page).valid).toBe(false);
  });

  it("rejects an empty partial update (minProperties: 1)", () => {
    expect(validate({ $ref: "#/components/schemas/PersonUpdate" }, {}).valid).toBe(false);
    expect(validate({ $ref: "#/components/schemas/PersonUpdate" }, { email: "jane@example.com" }).valid).toBe(true);
  });
});
