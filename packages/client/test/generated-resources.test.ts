import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateResources, RESOURCES_PATH } from "../scripts/generate-resources.js";

const liveShaped = fileURLToPath(new URL("../../types/test/fixtures/live-shaped.openapi.yaml", import.meta.url));
const map = fileURLToPath(new URL("fixtures/resources.yaml", import.meta.url));

describe("generated resource helpers", () => {
  it("match specs/resources.yaml and the committed spec (codegen drift)", async () => {
    const { source } = await generateResources();
    const message =
      "src/generated/resources.ts is out of date with specs/resources.yaml or the spec: run `pnpm generate` and commit the result";
    expect(source, message).toBe(await readFile(RESOURCES_PATH, "utf8"));
    expect(source).toContain("Do not make direct changes");
  });

  it("name each map entry whose operation the document lacks, and the operations no entry names", async () => {
    const { dropped, unmapped, resources } = await generateResources(liveShaped, map);
    expect(dropped).toEqual([
      {
        resource: "people",
        method: "archive",
        reference: "PersonArchive",
        reason: "no such operation in the document",
      },
    ]);
    expect(unmapped).toEqual(["listPeople (GET /api/v1/people)"]);
    expect(resources[0]?.methods.map((method) => method.name)).toEqual(["iterate", "get", "getByPath"]);
  });

  it("write a POST PagingList helper that pages, and a GET by method and path", async () => {
    const { source } = await generateResources(liveShaped, map);
    expect(source).toContain('paginateOperation(crm, "/api/Person/PagingList", {}, request, options)');
    expect(source).toContain('callOperation(crm, "GET", "/api/Person/{id}", { path: { "id": id } }, options)');
    expect(source).not.toContain("archive");
  });

  it("refuse a map entry that is neither an operation nor { paginate }", async () => {
    const { resolveMap } = await import("../scripts/resource-map.js");
    expect(() => resolveMap({ paths: {} }, { resources: { people: { list: 42 } } })).toThrow(
      "specs/resources.yaml: resources.people.list must be an operation or { paginate: <operation> }",
    );
  });
});

describe("the map's models", () => {
  const document = { paths: {}, components: { schemas: { PersonDto: { type: "object" } } } };
  const resolve = async (models: unknown, reserved: string[] = []) => {
    const { resolveModels } = await import("../scripts/model-map.js");
    return resolveModels(document, { resources: {}, models }, new Set(reserved));
  };

  it("export a schema under the name code uses, and name each entry whose schema is gone", async () => {
    expect(await resolve({ Person: "PersonDto", Committee: "CommitteeDto" })).toEqual({
      models: [{ name: "Person", schema: "PersonDto" }],
      dropped: [{ name: "Committee", schema: "CommitteeDto", reason: "no such schema in the document" }],
    });
    const { renderResources } = await import("../scripts/render-resources.js");
    const source = renderResources([], [{ name: "Person", schema: "PersonDto" }]);
    expect(source).toContain('export type Person = components["schemas"]["PersonDto"];');
    expect(source).toContain('import type { components } from "@engagifii/crm-types";');
  });

  it("suggest the schema a dropped name most likely moved to", async () => {
    const { resolveModels } = await import("../scripts/model-map.js");
    const schemas = { PersonDto: {}, PersonDtoPagingListResult: {}, CommitteeDto: {}, CommitteeMemberDto: {} };
    const map = { models: { PersonCreate: "PersonCreate", CommitteeMember: "CommitteeMember", Widget: "Widget" } };
    const { dropped } = resolveModels({ paths: {}, components: { schemas } }, map, new Set());
    expect(dropped.map(({ reason }) => reason)).toEqual([
      "no such schema in the document (PersonDto?)",
      "no such schema in the document (CommitteeMemberDto?)",
      "no such schema in the document",
    ]);
  });

  it("refuse a name the client exports already, which would silently hide the model", async () => {
    await expect(resolve({ Paginator: "PersonDto" }, ["Paginator"])).rejects.toThrow(
      "specs/resources.yaml: models.Paginator is a name @engagifii/crm-client already exports",
    );
  });

  it.for([{ person: "PersonDto" }, { Person: 42 }, ["Person"]])("refuse a malformed entry: %j", async (models) => {
    await expect(resolve(models)).rejects.toThrow(/specs\/resources\.yaml: `?models/);
  });

  it("read the client's named exports as the reserved names", async () => {
    const { exportedNames } = await import("../scripts/model-map.js");
    const names = exportedNames('export { a as Renamed, type B } from "x";\nexport type { C } from "y";');
    expect([...names]).toEqual(["Renamed", "B", "C"]);
  });
});
