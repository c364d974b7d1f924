// A paged method streams each page as it arrives, in the document's paging shape: here the live
// API's `POST …/PagingList` (page in the body, `{ result, totalCount, itemCount }` back), under a
// path parameter. The shape is the one packages/types/test/fixtures/live-shaped.openapi.yaml has.
import { expect, it } from "vitest";
import { exportFormat } from "../src/export/export-format.js";
import { streamItems } from "../src/stream-items.js";
import { pagingListClient, pagingListShape } from "./paging-list-api.js";

const members = Array.from({ length: 7 }, (_, index) => ({ personId: `p-${index}`, position: `Seat ${index}` }));

it("pages a POST …/PagingList sub-list: path value in the URL, filters and page fields in the body, each page written as it comes", async () => {
  const requests: { url: string; body: unknown }[] = [];
  const crm = pagingListClient(members, ({ method, url, body }) => requests.push({ url: `${method} ${url}`, body }));
  const written: string[] = [];
  const result = await streamItems({
    crm,
    path: "/api/Committee/{committeeId}/Member/PagingList",
    pagingShape: pagingListShape,
    pathValues: { committeeId: "board 1" },
    query: { culture: "en" },
    body: { status: "Active" },
    pageSize: 3,
    format: exportFormat("json", ["personId", "position"]),
    write: async (text) => {
      written.push(text);
    },
  });
  expect(result).toEqual({ items: 7, pages: 3 });
  expect(requests).toEqual(
    [1, 2, 3].map((pageNumber) => ({
      url: "POST https://crm.example/api/Committee/board%201/Member/PagingList?culture=en",
      body: { status: "Active", itemCount: 3, pageNumber },
    })),
  );
  // start, three pages, end: nothing is held back until the end.
  expect(written).toHaveLength(5);
  expect(JSON.parse(written.join(""))).toEqual(members);
});
