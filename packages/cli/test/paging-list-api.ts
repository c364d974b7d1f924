// The live API's list shape, for the CLI's paging tests: `POST …/PagingList` with `{ pageNumber (1-based),
// itemCount }` in the body, answered `{ result, totalCount, itemCount }`, behind a client on a fake fetch.
import { type CrmClient, createCrmClient } from "@engagifii/crm-client";
import type { PagedOperationMetadata } from "@engagifii/crm-types";

export const pagingListShape: PagedOperationMetadata = {
  method: "post",
  location: "body",
  pageField: "pageNumber",
  firstPage: 1,
  sizeField: "itemCount",
  itemsField: "result",
  totalField: "totalCount",
};

/** A client whose every API request is a page of `items`, after `onPage` sees its method, URL and body. */
export function pagingListClient(
  items: readonly unknown[],
  onPage: (request: { method: string; url: string; body: Record<string, unknown> }) => void,
): CrmClient {
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.url.endsWith("/connect/token"))
      return Response.json({ access_token: "token", token_type: "Bearer", expires_in: 3600 });
    const body = (await request.json()) as { pageNumber: number; itemCount: number };
    onPage({ method: request.method, url: request.url, body });
    const start = (body.pageNumber - 1) * body.itemCount;
    const result = items.slice(start, start + body.itemCount);
    return Response.json({ result, totalCount: items.length, itemCount: result.length });
  };
  return createCrmClient({
    baseUrl: "https://crm.example",
    tokenUrl: "https://crm.example/connect/token",
    tenantCode: "acme",
    clientId: "id",
    clientSecret: "secret",
    env: {},
    fetch,
  });
}
