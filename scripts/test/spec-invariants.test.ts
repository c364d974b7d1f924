// Invariants of specs/engagifii-crm.openapi.yaml that the client, the generated types and the
// Prism mock rely on. Redocly lint checks OpenAPI correctness; this file checks our contract.
import { describe, expect, it } from "vitest";
import {
  collectOperationExamples,
  collectSchemaExamples,
  createSchemaValidator,
  listOperations,
  loadSpec,
  type MediaTypeObject,
  type OperationEntry,
  type ResponseObject,
  resolve,
  type SchemaObject,
} from "./load-spec.js";

const LIVE_BASE_URL = "https://builtin-crm.azurewebsites.net";
const LIVE_SWAGGER_URL = `${LIVE_BASE_URL}/swagger/v1/swagger.json`;
const TOKEN_PATH = "/oauth/token";

const EXPECTED_OPERATION_IDS = [
  "requestToken",
  "listPeople",
  "createPerson",
  "getPerson",
  "updatePerson",
  "deletePerson",
  "listOrganizations",
  "createOrganization",
  "getOrganization",
  "updateOrganization",
  "deleteOrganization",
  "listOrganizationPeople",
  "addPersonToOrganization",
  "removePersonFromOrganization",
  "listCommittees",
  "createCommittee",
  "getCommittee",
  "updateCommittee",
  "deleteCommittee",
  "listCommitteeMembers",
  "addCommitteeMember",
  "removeCommitteeMember",
];

const document = loadSpec();
const operations = listOperations(document);
const apiOperations = operations.filter(({ path }) => path.startsWith("/api/v1/"));
const validate = createSchemaValidator(document);

function responseCodes({ operation }: OperationEntry): string[] {
  return Object.keys(operation.responses);
}

function jsonContent(entry: OperationEntry, status: string): MediaTypeObject | undefined {
  const response = entry.operation.responses[status];
  return response ? resolve(document, response).content?.["application/json"] : undefined;
}

describe("document metadata", () => {
  it("targets the live base URL and nothing else", () => {
    expect(document.openapi).toBe("3.0.3");
    expect(document.servers?.map(({ url }) => url)).toEqual([LIVE_BASE_URL]);
  });

  it("says it is reconstructed and how to replace it", () => {
    const description = document.info.description ?? "";
    expect(description).toMatch(/reconstructed/i);
    expect(description).toContain("pnpm spec:pull");
    expect(description).toContain(LIVE_SWAGGER_URL);
    expect(description).toContain("1,000 requests/minute");
  });

  it("declares every tag it uses, each with a description", () => {
    const declared = new Map((document.tags ?? []).map(({ name, description }) => [name, description]));
    expect([...declared.keys()].sort()).toEqual(["Authentication", "Committees", "Organizations", "People"]);
    for (const [name, description] of declared) expect(description, name).toBeTruthy();
    for (const { label, operation } of operations) {
      for (const tag of operation.tags ?? [])
        expect(declared.has(tag), `${label} uses undeclared tag ${tag}`).toBe(true);
    }
  });
});

describe("operations", () => {
  it("are exactly the 22 expected operationIds, each unique", () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...EXPECTED_OPERATION_IDS].sort());
  });

  it.each(operations.map((entry) => [entry.label, entry] as const))(
    "%s has id, summary, description and a tag",
    (_, entry) => {
      const { operationId, summary, description, tags } = entry.operation;
      expect(operationId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(summary?.trim()).toBeTruthy();
      expect(description?.trim()).toBeTruthy();
      expect(tags?.length).toBeGreaterThanOrEqual(1);
    },
  );

  it.each(operations.map((entry) => [entry.label, entry] as const))("%s has a success response", (_, entry) => {
    expect(responseCodes(entry).some((code) => /^2\d\d$/.test(code))).toBe(true);
  });
});

describe("security", () => {
  it("defines the oauth2 client credentials scheme and the tenant-code header", () => {
    const schemes = document.components?.securitySchemes as Record<string, Record<string, unknown>>;
    expect(schemes.oauth2).toMatchObject({
      type: "oauth2",
      flows: { clientCredentials: { tokenUrl: TOKEN_PATH } },
    });
    const scopes = (schemes.oauth2 as { flows: { clientCredentials: { scopes: Record<string, string> } } }).flows
      .clientCredentials.scopes;
    expect(Object.keys(scopes).sort()).toEqual(["api:read", "api:write"]);
    for (const description of Object.values(scopes)) expect(description).toBeTruthy();
    expect(schemes.tenantCode).toMatchObject({ type: "apiKey", in: "header", name: "tenant-code" });
  });

  it("has no global security that the token endpoint could inherit", () => {
    expect(document.security).toBeUndefined();
  });

  it("leaves the token endpoint unauthenticated", () => {
    const token = operations.find(({ path, method }) => path === TOKEN_PATH && method === "post");
    expect(token?.operation.operationId).toBe("requestToken");
    expect(token?.operation.security).toEqual([]);
  });

  it.each(apiOperations.map((entry) => [entry.label, entry] as const))(
    "%s requires oauth2 and tenantCode together, with the right scope",
    (_, { method, operation }) => {
      const scope = method === "get" ? "api:read" : "api:write";
      expect(operation.security).toEqual([{ oauth2: [scope], tenantCode: [] }]);
    },
  );
});

describe("error responses", () => {
  it.each(apiOperations.map((entry) => [entry.label, entry] as const))(
    "%s documents the errors every API call can return",
    (_, entry) => {
      const codes = responseCodes(entry);
      expect(codes).toEqual(expect.arrayContaining(["401", "403", "429", "500"]));
      if (entry.path.includes("{")) expect(codes).toContain("404");
      const hasQuery = entry.parameters.some((parameter) => parameter.in === "query");
      if (entry.operation.requestBody || hasQuery) expect(codes).toContain("400");
    },
  );

  it.each(operations.map((entry) => [entry.label, entry] as const))("%s declares Retry-After on 429", (_, entry) => {
    const tooMany = entry.operation.responses["429"];
    expect(tooMany, "429 response").toBeDefined();
    if (!tooMany) return;
    const header = resolve(document, tooMany).headers?.["Retry-After"];
    expect(header, "Retry-After header").toBeDefined();
    if (!header) return;
    const resolved = resolve(document, header);
    expect(resolved.description).toMatch(/seconds to wait/i);
    expect(resolve(document, resolved.schema ?? {})).toMatchObject({ type: "integer" });
  });

  it.each(apiOperations.map((entry) => [entry.label, entry] as const))(
    "%s returns the one shared Error schema for every error",
    (_, entry) => {
      for (const code of responseCodes(entry).filter((status) => /^[45]\d\d$/.test(status))) {
        expect(jsonContent(entry, code)?.schema, `${code}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
    },
  );

  it("carries field-level validation errors in the BadRequest example", () => {
    const badRequest = resolve<ResponseObject>(document, { $ref: "#/components/responses/BadRequest" });
    const first = Object.values(badRequest.content?.["application/json"]?.examples ?? {})[0];
    const value = first ? (resolve(document, first).value as { errors?: Record<string, string[]> }) : undefined;
    expect(value?.errors?.email?.[0]).toMatch(/e-mail/);
  });
});

describe("pagination", () => {
  const lists = operations.filter(({ operation }) => operation.operationId?.startsWith("list"));

  it("covers all five list operations", () => {
    expect(lists.map(({ operation }) => operation.operationId).sort()).toEqual([
      "listCommitteeMembers",
      "listCommittees",
      "listOrganizationPeople",
      "listOrganizations",
      "listPeople",
    ]);
  });

  it.each(lists.map((entry) => [entry.label, entry] as const))(
    "%s takes pageIndex/pageSize and returns the page envelope",
    (_, entry) => {
      const names = entry.parameters.filter((parameter) => parameter.in === "query").map(({ name }) => name);
      expect(names).toEqual(expect.arrayContaining(["pageIndex", "pageSize"]));
      const pageSize = entry.parameters.find(({ name }) => name === "pageSize");
      expect(resolve(document, pageSize?.schema ?? {})).toMatchObject({ type: "integer", minimum: 1, maximum: 200 });
      expect(pageSize?.description).toContain("200");

      const schema = resolve(document, jsonContent(entry, "200")?.schema ?? {});
      expect(schema.required).toEqual(expect.arrayContaining(["data", "totalCount", "pageIndex", "pageSize"]));
      expect((schema.properties as Record<string, SchemaObject>).data).toMatchObject({ type: "array" });
    },
  );
});

describe("examples", () => {
  it.each(operations.map((entry) => [entry.label, entry] as const))("%s has an example for every body", (_, entry) => {
    const { requestBody, responses } = entry.operation;
    const bodies: [string, Record<string, MediaTypeObject> | undefined][] = [
      ["requestBody", requestBody ? resolve(document, requestBody).content : undefined],
    ];
    for (const [status, response] of Object.entries(responses)) {
      bodies.push([`response ${status}`, resolve(document, response).content]);
    }
    for (const [where, content] of bodies) {
      for (const [mediaType, media] of Object.entries(content ?? {})) {
        const count = (media.example === undefined ? 0 : 1) + Object.keys(media.examples ?? {}).length;
        expect(count, `${where} ${mediaType}`).toBeGreaterThan(0);
      }
    }
  });

  const operationExamples = collectOperationExamples(document);
  const schemaExamples = collectSchemaExamples(document);

  it("finds examples to check (guards against a walk that silently finds none)", () => {
    expect(operationExamples.length).toBeGreaterThanOrEqual(EXPECTED_OPERATION_IDS.length * 2);
    expect(schemaExamples.length).toBeGreaterThan(20);
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
