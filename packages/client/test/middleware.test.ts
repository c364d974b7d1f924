import { describe, expect, it } from "vitest";
import { ConfigurationError, type PageStrategy, pageIndexStrategy } from "../src/index.js";
import { fakeApi, options, page, person } from "./fake-api.js";
import { createTransportClient } from "./fixtures/transport-client.js";

const people = () => page([person(1), person(2)], 2, 0, 50);

describe("openapi-fetch middleware and per-request options", () => {
  it("lets an onResponse middleware read a success's body, and still parses the data", async () => {
    const api = fakeApi(people);
    const crm = createTransportClient(options(api.fetch));
    const seen: unknown[] = [];
    crm.use({
      async onResponse({ response }) {
        seen.push(await response.clone().json());
        seen.push(JSON.parse(await response.text())); // consumes it: the client must not need it
      },
    });
    const { data, response } = await crm.GET("/api/v1/people");
    expect(seen).toEqual([data, data]);
    expect(data?.data).toHaveLength(2);
    expect(response.status).toBe(200);
  });

  it("does the same for a per-request middleware, and stops once the middleware is ejected", async () => {
    const api = fakeApi(people);
    const crm = createTransportClient(options(api.fetch));
    let text = "";
    const reader = {
      async onResponse({ response }: { response: Response }) {
        text = await response.text();
      },
    };
    const { data } = await crm.GET("/api/v1/people", { middleware: [reader] });
    expect(JSON.parse(text)).toEqual(data);

    crm.use(reader);
    crm.eject(reader);
    text = "unchanged";
    await crm.GET("/api/v1/people");
    expect(text).toBe("unchanged");
  });

  it("rejects a per-request fetch, which would bypass the token, retries and timeouts", async () => {
    const api = fakeApi(people);
    const own = async () => new Response("{}");
    const crm = createTransportClient(options(api.fetch));
    await expect(crm.GET("/api/v1/people", { fetch: own } as never)).rejects.toThrow(/fetch cannot be set per request/);
    await expect(crm.GET("/api/v1/people", { fetch: own, timeoutMs: 5_000 } as never)).rejects.toThrow(
      ConfigurationError,
    );
    expect(api.apiRequests()).toHaveLength(0);
  });

  it("adds no Content-Type to an error response the server sent without one", async () => {
    const api = fakeApi(() => new Response(new Blob(['{"title":"Not here"}']), { status: 404 }));
    const crm = createTransportClient(options(api.fetch));
    for (const parseAs of ["json", "arrayBuffer"] as const) {
      const { error, response } = await crm.GET("/api/v1/people", { parseAs });
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBeNull();
      expect(error).toEqual({ title: "Not here" });
    }
  });

  it("accepts a page strategy whose method is lower case, and names a method it cannot send", async () => {
    const api = fakeApi(people);
    const crm = createTransportClient(options(api.fetch));
    const lower = { ...pageIndexStrategy(), method: "get" } as unknown as PageStrategy<unknown>;
    expect(await crm.paginateWith(lower, "/api/v1/people").toArray()).toHaveLength(2);
    const wrong = { ...pageIndexStrategy(), method: "TRACE" } as unknown as PageStrategy<unknown>;
    expect(() => crm.paginateWith(wrong, "/api/v1/people")).toThrow(/must be GET or POST.*got TRACE/);
  });
});

describe("middleware that replaces the Request", () => {
  it("keeps the request's own settings (here its tenant and retries)", async () => {
    const api = fakeApi((_request, attempt) => (attempt === 1 ? new Response("", { status: 503 }) : people()));
    const crm = createTransportClient(options(api.fetch));
    crm.use({ onRequest: ({ request }) => new Request(request, { headers: { "x-added": "yes" } }) });
    const { response } = await crm.GET("/api/v1/people", { tenantCode: "acme-east", maxRetries: 0 });
    expect(response.status).toBe(503);
    expect(api.apiRequests().map((request) => request.headers.get("tenant-code"))).toEqual(["acme-east"]);
    expect(api.apiRequests()[0]?.headers.get("x-added")).toBe("yes");
  });
});
