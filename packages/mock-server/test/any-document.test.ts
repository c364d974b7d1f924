// Without `stateful`, on a live-shaped document (test/fixtures/live-shaped.openapi.yaml): the
// mock still offers a token endpoint at the document's token URL path, answers 401 for a
// missing tenant, and gives any standard error status on `Prefer: code=N`. Plus what /docs serves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";
import { liveShapedSpec, sandboxToken } from "./helpers.js";

let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ spec: liveShapedSpec });
});
afterAll(() => mock?.stop());

describe("the stateless mock on a document without a token operation", () => {
  it("issues tokens at the path of the document's token URL", async () => {
    expect(mock.tokenUrl).toBe(`${mock.url}/connect/token`);
    expect(await sandboxToken(mock.tokenUrl)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("answers 401 for a missing tenant-code, and lets Prism answer when it is there", async () => {
    const headers = { authorization: "Bearer anything" };
    expect((await fetch(`${mock.url}/api/Widget`, { headers })).status).toBe(401);
    expect((await fetch(`${mock.url}/api/Widget`, { headers: { ...headers, "tenant-code": "acme" } })).status).toBe(
      200,
    );
  });

  it.each([400, 401, 403, 404, 409, 429, 500, 503])(
    "answers Prefer: code=%i with an RFC 7807 body, though the list documents only 200",
    async (status) => {
      const response = await fetch(`${mock.url}/api/Widget`, {
        headers: { authorization: "Bearer x", "tenant-code": "acme", prefer: `code=${status}` },
      });
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ type: "about:blank", status, title: expect.any(String) });
    },
  );
});

describe("/docs", () => {
  it("redirects /docs to the page, which loads Swagger UI from the package", async () => {
    const redirect = await fetch(`${mock.url}/docs`, { redirect: "manual" });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get("location")).toBe("/docs/");
    const page = await (await fetch(`${mock.url}/docs/`)).text();
    expect(page).toContain('<script src="./swagger-ui-bundle.js"></script>');
    const bundle = await fetch(`${mock.url}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    await bundle.body?.cancel();
    expect((await fetch(`${mock.url}/docs/package.json`)).status).toBe(404);
  });

  it("serves the document pointed at this server, with an absolute token URL", async () => {
    const document = (await (await fetch(`${mock.url}/docs/openapi.json`)).json()) as {
      servers: Array<{ url: string }>;
      components: { securitySchemes: { identity: { flows: { clientCredentials: { tokenUrl: string } } } } };
    };
    expect(document.servers).toEqual([{ url: mock.url, description: "This sandbox" }]);
    expect(document.components.securitySchemes.identity.flows.clientCredentials.tokenUrl).toBe(
      `${mock.url}/connect/token`,
    );
  });
});
