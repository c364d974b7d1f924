import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { PagedOperationMetadata } from "@engagifii/crm-types";
import { describe, expect, it } from "vitest";
import { renderResourceTable, TABLE_PATH } from "../scripts/generate-resource-table.js";
import { pagedInit, pagingStrategy } from "../src/paging.js";

const liveShaped = fileURLToPath(new URL("../../types/test/fixtures/live-shaped.openapi.yaml", import.meta.url));
const liveMap = fileURLToPath(new URL("../../client/test/fixtures/resources.yaml", import.meta.url));

describe("the generated resource table", () => {
  it("matches specs/resources.yaml and the committed spec (codegen drift)", async () => {
    const message =
      "src/generated/resource-table.ts is out of date with specs/resources.yaml or the spec: run `pnpm generate` and commit it";
    expect(await renderResourceTable(), message).toBe(await readFile(TABLE_PATH, "utf8"));
  });

  it("follows the map on a live-shaped document: a POST PagingList reads every record, only mapped verbs exist", async () => {
    const source = await renderResourceTable(liveShaped, liveMap);
    const table = JSON.parse(source.slice(source.indexOf("= [") + 2, source.lastIndexOf(";")));
    expect(table).toEqual([
      {
        command: "people",
        singular: "person",
        operations: { get: { method: "GET", path: "/api/Person/{id}", operationId: "PersonGet" } },
        every: { method: "POST", path: "/api/Person/PagingList", operationId: "PersonPagingList" },
        columns: ["id", "firstName", "status"],
      },
    ]);
  });
});

describe("paging from the document's metadata", () => {
  const pagingList: PagedOperationMetadata = {
    method: "post",
    location: "body",
    pageField: "pageNumber",
    firstPage: 1,
    sizeField: "itemCount",
    itemsField: "result",
    totalField: "totalCount",
  };

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
