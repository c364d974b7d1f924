// `Prefer: code=N` for an error status the document does declare, the way Swashbuckle declares them:
// `application/problem+json` ProblemDetails without an example (the repository's live-shaped OpenAPI 3
// fixture). A client that accepts `application/json` (as ours does) still gets status N with an RFC 7807
// body, as from the real API, not the 200 Prism falls back to when no declared type matches its Accept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";
import { apiHeaders, liveShapedOpenApi3 } from "./helpers.js";

describe.each([
  ["stateless", false],
  ["stateful", true],
])("the %s mock on a document whose errors are problem+json", (_mode, stateful) => {
  let mock: MockServer;
  let headers: Record<string, string>;
  let committee: string;

  beforeAll(async () => {
    mock = await startMockServer({ spec: liveShapedOpenApi3, stateful });
    headers = { ...(await apiHeaders(mock.tokenUrl)), accept: "application/json" };
    const page = await fetch(`${mock.url}/api/Committee/PagingList`, {
      method: "POST",
      headers,
      body: JSON.stringify({ pageNumber: 1, itemCount: 1 }),
    });
    const { result } = (await page.json()) as { result: Array<{ id: string }> };
    committee = `/api/Committee/${result[0]?.id}`;
  });
  afterAll(() => mock?.stop());

  it.each([404, 401, 400])("answers Prefer: code=%i with that status and a ProblemDetails body", async (status) => {
    const response = await fetch(`${mock.url}${committee}`, { headers: { ...headers, prefer: `code=${status}` } });
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({
      type: "about:blank",
      title: expect.any(String),
      status,
      detail: `Answered with ${status} because the request asked for it (Prefer: code=${status}).`,
    });
  });

  it("still answers the request without Prefer with the record, as JSON", async () => {
    const response = await fetch(`${mock.url}${committee}`, { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ id: expect.any(String), isActive: expect.any(Boolean) });
  });
});
