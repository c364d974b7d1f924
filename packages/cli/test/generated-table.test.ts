import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PagedOperationMetadata } from "@engagifii/crm-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { renderResourceTable, TABLE_PATH } from "../scripts/generate-resource-table.js";
import { kebabCase } from "../src/kebab-case.js";
import { pagedInit, pagingStrategy } from "../src/paging.js";
import { guideDocumentPath, guideMapPath } from "./guide-document.js";
import { pagingListShape } from "./paging-list-api.js";
import { tableOf } from "./table-of.js";

const liveShaped = fileURLToPath(new URL("../../types/test/fixtures/live-shaped.openapi.yaml", import.meta.url));
const liveMap = fileURLToPath(new URL("../../client/test/fixtures/resources.yaml", import.meta.url));

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "engagifii-table-"));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

it("names commands and flags in kebab-case", () => {
  expect(["addPerson", "removeMember", "people", "parent_id", "getHTTPStatus", "v2Items"].map(kebabCase)).toEqual([
    "add-person",
    "remove-member",
    "people",
    "parent-id",
    "get-http-status",
    "v2-items",
  ]);
});

describe("the generated resource table", () => {
  it("matches specs/resources.yaml and the committed spec (codegen drift)", async () => {
    const message =
      "src/generated/resource-table.ts is out of date with specs/resources.yaml or the spec: run `pnpm generate` and commit it";
    expect(await renderResourceTable(), message).toBe(await readFile(TABLE_PATH, "utf8"));
  });

  it("follows the map on a live-shaped document: a POST PagingList reads every record, only mapped methods exist", async () => {
    const pagingList = { method: "POST", path: "/api/Person/PagingList", operationId: "PersonPagingList" } as const;
    const personGet = { method: "GET", path: "/api/Person/{id}", operationId: "PersonGet" } as const;
    expect(await tableOf(liveShaped, liveMap)).toEqual([
      {
        command: "people",
        singular: "person",
        operations: { get: personGet },
        every: pagingList,
        columns: ["id", "firstName", "status"],
        // The document has no summaries, so the help says the operationId; the page fields go in the body.
        methods: [
          {
            command: "iterate",
            operation: pagingList,
            summary: "PersonPagingList",
            paginate: true,
            pathParameters: [],
            queryParameters: [],
            body: "optional",
          },
          {
            command: "get-by-path",
            operation: personGet,
            summary: "PersonGet",
            paginate: false,
            pathParameters: [{ name: "id", required: true }],
            queryParameters: [],
            body: "none",
          },
        ],
      },
    ]);
  });

  // The generator's rules, on the CLI's own copy of our guide's document and map.
  it("makes every other method of the map a command: kebab-case name, path parameters in order, no page fields", async () => {
    const organizations = (await tableOf(guideDocumentPath, guideMapPath)).find(
      (entry) => entry.command === "organizations",
    );
    const byCommand = new Map(organizations?.methods.map((method) => [method.command, method]));
    expect([...byCommand.keys()]).toEqual(["iterate", "people", "add-person", "remove-person"]);
    expect(byCommand.get("add-person")).toMatchObject({
      operation: { method: "PUT", path: "/api/v1/organizations/{organizationId}/people/{personId}" },
      summary: "Add a person to an organization",
      paginate: false,
      pathParameters: [{ name: "organizationId" }, { name: "personId" }],
      body: "none",
    });
    expect(byCommand.get("people")).toMatchObject({ paginate: true, queryParameters: [] });
    expect(byCommand.get("iterate")?.queryParameters.map((parameter) => parameter.name)).toEqual(["parentId"]);
  });

  it("reads only the map's `resources:`, so other top-level sections (`models:`) change nothing", async () => {
    const { resources } = parse(await readFile(guideMapPath, "utf8")) as { resources: unknown };
    const onlyResources = join(directory, "resources-only.yaml");
    const withOthers = join(directory, "resources-with-others.yaml");
    await writeFile(onlyResources, stringify({ resources }));
    await writeFile(withOthers, stringify({ models: { Person: "PersonCreate" }, resources, extra: [1, 2] }));
    expect(await renderResourceTable(guideDocumentPath, withOthers)).toBe(
      await renderResourceTable(guideDocumentPath, onlyResources),
    );
  });

  it("refuses two methods that would be the same command", async () => {
    const clash = join(directory, "resources-clash.yaml");
    await writeFile(
      clash,
      "resources:\n  organizations:\n    addPerson: addPersonToOrganization\n    add_person: addPersonToOrganization\n",
    );
    await expect(renderResourceTable(guideDocumentPath, clash)).rejects.toThrow(
      'resources.organizations has two methods that would both be the command "add-person"',
    );
  });
});

describe("paging from the document's metadata", () => {
  const pagingList = pagingListShape;

  it("puts the page size and position of a POST …/PagingList into its body and reads `result`", () => {
    const strategy = pagingStrategy<unknown>(pagingList);
    const init = strategy.pageRequest(pagedInit(pagingList, {}, { status: "Active" }, 200), 2);
    expect(strategy.method).toBe("POST");
    expect(init.body).toEqual({ status: "Active", itemCount: 200, pageNumber: 3 });
    expect(strategy.readPage({ result: [{ id: "a" }], totalCount: 401, itemCount: 1 })).toMatchObject({
      items: [{ id: "a" }],
      totalCount: 401,
    });
  });

  it("puts them into the query of a GET", () => {
    const shape: PagedOperationMetadata = { ...pagingList, method: "get", location: "query", pageField: "pageIndex" };
    const init = pagingStrategy<unknown>(shape).pageRequest(pagedInit(shape, { id: "7" }, undefined, 50), 0);
    expect(init.params).toEqual({ path: { id: "7" }, query: { itemCount: 50, pageIndex: 1 } });
    expect(init.body).toBeUndefined();
  });
});

describe("the singular name of a resource's records", () => {
  const answering = (schema: string) => ({
    openapi: "3.0.1",
    paths: {
      "/x/{id}": {
        get: {
          responses: {
            "200": { content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } } },
          },
        },
      },
    },
  });
  it.for([
    ["Person", "person"],
    ["PersonDto", "person"],
    ["CommitteeMemberDTO", "committee member"],
    ["OrganizationViewModel", "organization"],
    ["Dto", "dto"],
  ])("%s → %s", async ([schema, expected]) => {
    const { singularName } = await import("../scripts/resource-columns.js");
    const document = answering(schema as string) as unknown as Parameters<typeof singularName>[0];
    expect(singularName(document, { method: "GET", path: "/x/{id}" })).toBe(expected);
  });
});
