// The classifier on documents derived from the tests' own document (fixtures/guide.openapi.yaml, whatever specs/
// holds): each case changes one thing and checks the level.
import { beforeAll, describe, expect, it } from "vitest";
import type { Change } from "../spec-update/change.js";
import { diffSpec, type SpecDiff } from "../spec-update/diff-spec.js";
import type { OpenApi } from "../spec-update/openapi.js";
import { guideSpec } from "./temp-repo.js";

// biome-ignore lint/suspicious/noExplicitAny: the tests edit arbitrary places of a parsed YAML document.
type Doc = any;

let base: OpenApi;

beforeAll(async () => {
  base = await guideSpec();
});

function diffAfter(edit: (document: Doc) => void): SpecDiff {
  const after = structuredClone(base);
  edit(after);
  return diffSpec(base, after);
}

/** Every change in the diff as `level: where: message`, for readable assertions. */
function lines(diff: SpecDiff): string[] {
  const show = (where: string) => (change: Change) => `${change.level}: ${where}: ${change.message}`;
  return [
    ...diff.changed.flatMap((operation) => operation.changes.map(show(operation.key))),
    ...diff.schemas.flatMap((group) => group.changes.map(show(group.label))),
    ...diff.document.map(show("document")),
  ];
}

const schemas = (document: Doc) => document.components.schemas;

describe("diffSpec", () => {
  it("finds nothing in an identical document", () => {
    const diff = diffAfter(() => {});
    expect(diff).toMatchObject({ added: [], removed: [], changed: [], schemas: [], document: [], level: undefined });
  });

  it("an added operation is minor", () => {
    const diff = diffAfter((document) => {
      document.paths["/api/v1/people/search"] = {
        get: { operationId: "searchPeople", responses: { "200": { description: "Matches." } } },
      };
    });
    expect(diff.added).toEqual([{ key: "GET /api/v1/people/search", operationId: "searchPeople" }]);
    expect(diff.level).toBe("minor");
  });

  it("a removed operation is major", () => {
    const diff = diffAfter((document) => {
      delete document.paths["/api/v1/people/{personId}"].delete;
    });
    expect(diff.removed).toEqual([{ key: "DELETE /api/v1/people/{personId}", operationId: "deletePerson" }]);
    expect(diff.level).toBe("major");
  });

  it("a newly required request field is major, and names the operations that use it", () => {
    const diff = diffAfter((document) => {
      schemas(document).PersonCreate.required.push("phone");
    });
    expect(diff.level).toBe("major");
    expect(lines(diff)).toEqual([
      'major: POST /api/v1/people: schema PersonCreate: "phone" is now required',
      'major: schema PersonCreate: "phone" is now required',
    ]);
  });

  it("descriptions, summaries and examples only are patch", () => {
    const diff = diffAfter((document) => {
      document.paths["/api/v1/people"].get.summary = "List the people";
      schemas(document).Person.properties.email.description = "Primary email address.";
      schemas(document).Person.properties.email.example = "ada@example.com";
      document.info.description = "Changed.";
    });
    expect(diff.level).toBe("patch");
    expect(diff.changed.map(({ key }) => key)).toEqual(["GET /api/v1/people"]);
    expect(lines(diff).every((line) => line.startsWith("patch: "))).toBe(true);
  });

  it.for<[string, (document: Doc) => void, string]>([
    [
      "a response field removed",
      (document) => {
        delete schemas(document).Person.properties.phone;
      },
      'major: schema Person: property "phone" removed',
    ],
    [
      "a type change",
      (document) => {
        schemas(document).Person.properties.isActive.type = "string";
      },
      'major: schema Person: "isActive" type boolean → string',
    ],
    [
      "an enum value removed",
      (document) => {
        schemas(document).OAuthError.properties.error.enum.pop();
      },
      'major: schema OAuthError: "error" enum value "invalid_scope" removed',
    ],
    [
      "a response field that may now be null",
      (document) => {
        schemas(document).Person.properties.email.nullable = true;
      },
      'major: schema Person: "email" may now be null',
    ],
    [
      "a response field no longer always present",
      (document) => {
        schemas(document).Person.required = schemas(document).Person.required.filter((name: string) => name !== "id");
      },
      'major: schema Person: "id" is now optional',
    ],
    [
      "a required query parameter added",
      (document) => {
        document.paths["/api/v1/people"].get.parameters.push({
          name: "tenantRegion",
          in: "query",
          required: true,
          schema: { type: "string" },
        });
      },
      "major: GET /api/v1/people: required query tenantRegion parameter added",
    ],
    [
      "a tighter request limit",
      (document) => {
        schemas(document).PersonCreate.properties.firstName.maxLength = 50;
      },
      'major: schema PersonCreate: "firstName" maxLength 100 → 50',
    ],
    [
      "a changed operationId",
      (document) => {
        document.paths["/api/v1/people"].get.operationId = "getPeople";
      },
      "major: GET /api/v1/people: operationId listPeople → getPeople",
    ],
    [
      "a success response removed",
      (document) => {
        delete document.paths["/api/v1/people"].post.responses["201"];
      },
      "major: POST /api/v1/people: response 201 removed",
    ],
  ])("%s is major", ([, edit, expected]) => {
    const diff = diffAfter(edit);
    expect(diff.level).toBe("major");
    expect(lines(diff)).toContain(expected);
  });

  it.for<[string, (document: Doc) => void, string]>([
    [
      "an optional response field added",
      (document) => {
        schemas(document).Person.properties.title = { type: "string", nullable: true };
      },
      'minor: schema Person: property "title" added',
    ],
    [
      "an optional query parameter added",
      (document) => {
        document.paths["/api/v1/people"].get.parameters.push({
          name: "search",
          in: "query",
          schema: { type: "string" },
        });
      },
      "minor: GET /api/v1/people: query search parameter added",
    ],
    [
      "an enum value added",
      (document) => {
        schemas(document).OAuthError.properties.error.enum.push("invalid_target");
      },
      'minor: schema OAuthError: "error" enum value "invalid_target" added',
    ],
    [
      "an error response added",
      (document) => {
        document.paths["/api/v1/people"].get.responses["503"] = { description: "Down for maintenance." };
      },
      "minor: GET /api/v1/people: response 503 added",
    ],
    [
      "a looser request limit",
      (document) => {
        schemas(document).PersonCreate.properties.firstName.maxLength = 200;
      },
      'minor: schema PersonCreate: "firstName" maxLength 100 → 200',
    ],
  ])("%s is minor", ([, edit, expected]) => {
    const diff = diffAfter(edit);
    expect(diff.level).toBe("minor");
    expect(lines(diff)).toContain(expected);
  });

  it("ends on recursive schemas", () => {
    const recursive = (description: string) => ({
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: {
        "/nodes": {
          get: {
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Node: {
            type: "object",
            description,
            properties: { children: { type: "array", items: { $ref: "#/components/schemas/Node" } } },
          },
        },
      },
    });
    const diff = diffSpec(recursive("a"), recursive("b"));
    expect(diff.level).toBe("patch");
  });
});
