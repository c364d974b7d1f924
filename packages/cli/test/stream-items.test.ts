// A paged method streams each page as it arrives, in the document's paging shape: here the live
// API's `POST …/PagingList` (page in the body, `{ result, totalCount, itemCount }` back), under a
// path parameter. The shape is the one packages/types/test/fixtures/live-shaped.openapi.yaml has.
import { createCrmClient } from "@engagifii/crm-client";
import type { PagedOperationMetadata } from "@engagifii/crm-types";
import { expect, it } from "vitest";
import { exportFormat } from "../src/export/export-format.js";
import { streamItems } from "../src/stream-items.js";

const pagingList: PagedOperationMetadata = {
  method: "post",
  location: "body",
  pageField: "pageNumber",
  firstPage: 1,
  sizeField: "itemCount",
  itemsField: "result",
  totalField: "totalCount",
};
const members = Array.from({ length: 7 }, (_, index) => ({ personId: `p-${index}`, position: `Seat ${index}` }));

it("pages a POST …/PagingList sub-list: path value in the URL, filters and page fields in the body, each page written as it comes", async () => {
  const requests: { url: string; body: unknown }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.url.endsWith("/connect/token")) {
      return Response.json({ access_token: "token", token_type: "Bearer", expires_in: 3600 });
    }
    const body = (await request.json()) as { pageNumber: number; itemCount: number };
    requests.push({ url: `${request.method} ${request.url}`, body });
    const start = (body.pageNumber - 1) * body.itemCount;
    const result = members.slice(start, start + body.itemCount);
    return Response.json({ result, totalCount: members.length, itemCount: result.length });
  };
  const crm = createCrmClient({
    baseUrl: "https://crm.example",
    tokenUrl: "https://crm.example/connect/token",
    tenantCode: "acme",
    clientId: "id",
    clientSecret: "secret",
    env: {},
    fetch,
  });
  const written: string[] = [];
  const result = await streamItems({
    crm,
    path: "/api/Committee/{committeeId}/Member/PagingList",
    pagingShape: pagingList,
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
