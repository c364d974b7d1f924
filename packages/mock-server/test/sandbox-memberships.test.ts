// Memberships in the stateful sandbox on the repository's live-shaped OpenAPI 3 fixture, where an
// organization's people (`/api/Organization/{organizationId}/Person/{personId}`) and a committee's
// members (`/api/Committee/{committeeId}/Member/{personId}`) share the item parameter `personId`:
// a membership links the records of the collection its path names (`/api/Person`).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";
import { apiHeaders, liveShapedOpenApi3 } from "./helpers.js";

let sandbox: MockServer;
let headers: Record<string, string>;

beforeAll(async () => {
  sandbox = await startMockServer({ stateful: true, spec: liveShapedOpenApi3 });
  headers = await apiHeaders(sandbox.tokenUrl);
});
afterAll(() => sandbox?.stop());
beforeEach(() => sandbox.reset());

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

async function firstId(list: string): Promise<string> {
  const page = await call("POST", list, { pageNumber: 1, itemCount: 1 });
  const id = ((page.body?.result ?? []) as Array<{ id: string }>)[0]?.id;
  if (id === undefined) throw new Error(`${list} lists nothing`);
  return id;
}

describe("memberships on the live-shaped document", () => {
  it("adds a person of /api/Person to an organization, lists it, and removes it", async () => {
    const organizationId = await firstId("/api/Organization/PagingList");
    const personId = await firstId("/api/Person/PagingList");
    const person = await call("GET", `/api/Person/${personId}`);
    const members = `/api/Organization/${organizationId}/Person`;

    expect((await call("PUT", `${members}/${personId}`)).status).toBe(204);
    expect((await call("POST", `${members}/PagingList`, { pageNumber: 1, itemCount: 10 })).body).toEqual({
      result: [person.body],
      totalCount: 1,
      itemCount: 10,
    });
    expect((await call("DELETE", `${members}/${personId}`)).status).toBe(204);
    expect((await call("POST", `${members}/PagingList`, { pageNumber: 1, itemCount: 10 })).body).toMatchObject({
      result: [],
      totalCount: 0,
    });
  });

  it("refuses to add a person who does not exist, though a committee could have such a member", async () => {
    const organizationId = await firstId("/api/Organization/PagingList");
    const committeeId = await firstId("/api/Committee/PagingList");
    const stranger = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(
      (await call("POST", `/api/Committee/${committeeId}/Member`, { personId: stranger, position: "Chair" })).status,
    ).toBe(200);

    const added = await call("PUT", `/api/Organization/${organizationId}/Person/${stranger}`);
    expect(added).toMatchObject({ status: 404, body: { detail: `No record ${stranger} in /api/Person` } });
  });
});
