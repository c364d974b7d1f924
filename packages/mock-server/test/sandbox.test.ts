// The stateful sandbox on a live-shaped document (test/fixtures/live-shaped.openapi.yaml): CRUD,
// coherent pages in both paging shapes, memberships, tenant isolation, reset, and what is still
// Prism's (validation). Nothing here depends on the Engagifii document's paths.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";
import { liveShapedSpec, sandboxToken } from "./helpers.js";

let sandbox: MockServer;
let token: string;

beforeAll(async () => {
  sandbox = await startMockServer({
    stateful: true,
    spec: liveShapedSpec,
    now: () => Date.parse("2026-03-01T12:00:00Z"),
  });
  token = await sandboxToken(sandbox.tokenUrl);
});
afterAll(() => sandbox?.stop());
beforeEach(() => sandbox.reset());

async function call(method: string, path: string, options: { body?: unknown; tenant?: string } = {}) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      "tenant-code": options.tenant ?? "acme",
      accept: "application/json",
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>),
  };
}

describe("stateful sandbox", () => {
  it("serves the token endpoint at the path of the document's token URL", () => {
    expect(sandbox.tokenUrl).toBe(`${sandbox.url}/connect/token`);
    expect(token.split(".")).toHaveLength(3);
  });

  it("creates, reads, updates and deletes, and the answers agree", async () => {
    const created = await call("POST", "/api/Widget", { body: { name: "Gear", colour: "blue" } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: 2,
      name: "Gear",
      colour: "blue",
      createdAt: "2026-03-01T12:00:00.000Z",
      updatedAt: "2026-03-01T12:00:00.000Z",
    });

    expect((await call("GET", "/api/Widget/2")).body).toEqual(created.body);
    const updated = await call("PUT", "/api/Widget/2", { body: { name: "Big gear" } });
    expect(updated.body).toMatchObject({ id: 2, name: "Big gear", colour: "blue" });
    expect((await call("GET", "/api/Widget/2")).body).toEqual(updated.body);

    expect((await call("DELETE", "/api/Widget/2")).status).toBe(204);
    expect((await call("GET", "/api/Widget/2")).status).toBe(404);
    expect((await call("DELETE", "/api/Widget/2")).status).toBe(404);
  });

  it("starts from the document's examples", async () => {
    const page = await call("GET", "/api/Widget");
    expect(page.body).toEqual({
      data: [expect.objectContaining({ id: 1, name: "Sprocket" })],
      totalCount: 1,
      pageIndex: 0,
      pageSize: 2,
    });
  });

  it("pages coherently with totalCount, capping the page size at the document's maximum", async () => {
    for (const name of ["b", "c", "d", "e"]) await call("POST", "/api/Widget", { body: { name } });
    const names: unknown[] = [];
    for (let pageIndex = 0; pageIndex < 3; pageIndex++) {
      const page = await call("GET", `/api/Widget?pageIndex=${pageIndex}&pageSize=2`);
      expect(page.body).toMatchObject({ totalCount: 5, pageIndex, pageSize: 2 });
      names.push(...((page.body?.data ?? []) as Array<{ name: string }>).map((widget) => widget.name));
    }
    expect(names).toEqual(["Sprocket", "b", "c", "d", "e"]);
    const capped = await call("GET", "/api/Widget?pageSize=3");
    expect(capped.body).toMatchObject({ pageSize: 3, totalCount: 5 });
  });

  it("lists through POST …/PagingList with a 1-based pageNumber and itemCount", async () => {
    // The document has no Team example, so the sandbox starts with 25 generated teams; ours come after them.
    for (const title of ["one", "two", "three"]) await call("POST", "/api/Team", { body: { title } });
    const last = await call("POST", "/api/Team/PagingList", { body: { pageNumber: 10, itemCount: 3 } });
    expect(last.body).toEqual({ result: [expect.objectContaining({ title: "three" })], totalCount: 28, itemCount: 3 });
  });

  it("adds and removes memberships, and only of records that exist", async () => {
    const team = await call("POST", "/api/Team", { body: { title: "Builders" } });
    const teamId = String(team.body?.id);
    expect((await call("PUT", `/api/Team/${teamId}/Widgets/1`)).status).toBe(204);
    expect((await call("GET", `/api/Team/${teamId}/Widgets`)).body).toEqual([
      expect.objectContaining({ id: 1, name: "Sprocket" }),
    ]);
    expect((await call("PUT", `/api/Team/${teamId}/Widgets/99`)).status).toBe(404);
    expect((await call("GET", "/api/Team/no-such-team/Widgets")).status).toBe(404);
    expect((await call("DELETE", `/api/Team/${teamId}/Widgets/1`)).status).toBe(204);
    expect((await call("GET", `/api/Team/${teamId}/Widgets`)).body).toEqual([]);
  });

  it("keeps each tenant's records apart (the guide's 'Verify tenant isolation')", async () => {
    const created = await call("POST", "/api/Widget", { body: { name: "Secret" }, tenant: "tenant-a" });
    const id = String(created.body?.id);
    const other = await call("GET", "/api/Widget", { tenant: "tenant-b" });
    expect(JSON.stringify(other.body)).not.toContain("Secret");
    expect((await call("GET", `/api/Widget/${id}`, { tenant: "tenant-b" })).status).toBe(404);
    expect((await call("GET", `/api/Widget/${id}`, { tenant: "tenant-a" })).body).toMatchObject({ name: "Secret" });
  });

  it("forgets every write on reset(), and on POST /__sandbox/reset", async () => {
    await call("POST", "/api/Widget", { body: { name: "Temporary" } });
    sandbox.reset();
    expect((await call("GET", "/api/Widget")).body).toMatchObject({ totalCount: 1 });
    await call("POST", "/api/Widget", { body: { name: "Temporary" } });
    expect((await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" })).status).toBe(204);
    expect((await call("GET", "/api/Widget")).body).toMatchObject({ totalCount: 1 });
  });

  it("still lets Prism reject a request that breaks the document, and stores nothing", async () => {
    const invalid = await call("POST", "/api/Widget", { body: { colour: "green" } });
    // With no 400 in the document Prism answers 422 naming each violation (our document's 400s carry `sl-violations`).
    expect(invalid.status).toBe(422);
    expect(JSON.stringify(invalid.body)).toContain("required property 'name'");
    expect((await call("GET", "/api/Widget")).body).toMatchObject({ totalCount: 1 });
  });

  it("answers 401 for a missing tenant-code, though the document models it as a header parameter", async () => {
    const response = await fetch(`${sandbox.url}/api/Widget`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, detail: "The tenant-code header is required." });
  });

  it("answers Prefer: code=429 with an RFC 7807 body though the document has no 429", async () => {
    const response = await fetch(`${sandbox.url}/api/Widget`, {
      headers: { authorization: `Bearer ${token}`, "tenant-code": "acme", prefer: "code=429" },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toMatchObject({ title: "Too Many Requests", status: 429 });
  });
});
