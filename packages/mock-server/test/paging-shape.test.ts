// The mock pages where the client paginates: the sandbox's paging comes from the same detector
// as the generated per-operation metadata (`pagedOperations` of @engagifii/crm-types).
import { pagedOperations } from "@engagifii/crm-types";
import { describe, expect, it } from "vitest";
import { loadOperations } from "../src/load-operations.js";
import { detectPaging } from "../src/sandbox/paging-shape.js";
import { liveShapedOpenApi3, liveShapedSwagger2, repositorySpec } from "./helpers.js";

describe("paging detection", () => {
  it("finds exactly the generated metadata's paged operations in our document, with their fields", async () => {
    const paged = (await loadOperations(repositorySpec)).flatMap((operation) => {
      const shape = detectPaging(operation);
      return shape?.kind === "paged" ? [[operation.path, shape.itemsField, shape.pagingFields] as const] : [];
    });
    expect(paged.map(([path]) => path).sort()).toEqual(Object.keys(pagedOperations).sort());
    for (const [path, itemsField, pagingFields] of paged) {
      const metadata = pagedOperations[path as keyof typeof pagedOperations];
      expect({ itemsField, pagingFields }).toEqual({
        itemsField: metadata.itemsField,
        pagingFields: [metadata.pageField, metadata.sizeField],
      });
    }
  });

  it.each([liveShapedOpenApi3, liveShapedSwagger2])(
    "finds POST …/PagingList with nullable result in %s",
    async (spec) => {
      const operations = await loadOperations(spec);
      const pagingList = operations.filter((operation) => operation.path.endsWith("/PagingList"));
      expect(pagingList.length).toBeGreaterThan(0);
      for (const operation of pagingList) {
        const shape = detectPaging(operation);
        expect(shape).toMatchObject({ kind: "paged", itemsField: "result", pagingFields: ["pageNumber", "itemCount"] });
        expect(shape?.envelope(["a"], 7, { offset: 10, size: 5 })).toEqual({
          result: ["a"],
          totalCount: 7,
          itemCount: 5,
        });
        expect(shape?.readPage({}, { pageNumber: 3, itemCount: 5 })).toEqual({ offset: 10, size: 5 });
      }
    },
  );
});
