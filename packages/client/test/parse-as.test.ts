import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../src/index.js";
import { clientSecret, fakeApi, options, tokenResponse } from "./fake-api.js";
import { createTransportClient } from "./fixtures/transport-client.js";

// Multi-byte UTF-8 across the body: a decoder that split or mis-decoded bytes would show here.
const people = { data: [{ id: "1", firstName: "Zoë", lastName: "Ōkubo 日本" }], totalCount: 1 };
const json = () => Response.json(people, { headers: { "content-type": "application/json; charset=utf-8" } });

describe("parseAs", () => {
  it("parses JSON by default, from the body the transport read inside the attempt", async () => {
    const api = fakeApi(json);
    const { data } = await createTransportClient(options(api.fetch)).GET("/api/v1/people");
    expect(data).toEqual(people);
  });

  it("returns text, arrayBuffer, blob and stream bodies as openapi-fetch would", async () => {
    const api = fakeApi(json);
    const crm = createTransportClient(options(api.fetch));
    const expected = JSON.stringify(people);

    const text = await crm.GET("/api/v1/people", { parseAs: "text" });
    expect(text.data).toBe(expected);

    const bytes = await crm.GET("/api/v1/people", { parseAs: "arrayBuffer" });
    expect(bytes.data).toBeInstanceOf(ArrayBuffer);
    expect(new TextDecoder().decode(bytes.data as unknown as ArrayBuffer)).toBe(expected);

    const blob = await crm.GET("/api/v1/people", { parseAs: "blob" });
    expect(blob.data).toBeInstanceOf(Blob);
    // openapi-fetch calls response.blob(), which gives the MIME type in its serialized form.
    expect((blob.data as unknown as Blob).type).toBe("application/json;charset=utf-8");
    expect(await (blob.data as unknown as Blob).text()).toBe(expected);

    const stream = await crm.GET("/api/v1/people", { parseAs: "stream" });
    expect(await new Response(stream.data as unknown as ReadableStream).text()).toBe(expected);
  });

  it("returns undefined data for an empty 200 and for a 204", async () => {
    const api = fakeApi(
      (_request, attempt) => new Response(attempt === 1 ? "" : null, { status: attempt === 1 ? 200 : 204 }),
    );
    const crm = createTransportClient(options(api.fetch));
    expect((await crm.GET("/api/v1/people")).data).toBeUndefined();
    expect(
      (await crm.DELETE("/api/v1/people/{personId}", { params: { path: { personId: "1" } } })).data,
    ).toBeUndefined();
  });

  it("raises InvalidResponseError, with the request's context, for a 200 whose body is not JSON", async () => {
    const api = fakeApi(() => new Response("<html>maintenance</html>", { status: 200 }));
    const error = await createTransportClient(options(api.fetch))
      .GET("/api/v1/people")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({
      status: 200,
      method: "GET",
      path: "/api/v1/people",
      body: "<html>maintenance</html>",
    });
  });

  it("removes an access token or client secret a server echoed into a 200 that is not JSON", async () => {
    const token = "echoed-access-token-0123456789";
    const api = fakeApi(
      (request) => {
        const echoed = `${request.headers.get("authorization")} ${clientSecret} `;
        // Then the token again, straddling the 500th character, where the excerpt is cut.
        return new Response(`${echoed}${"x".repeat(494 - echoed.length)}${token}`);
      },
      () => tokenResponse(3600, token),
    );
    const error = await createTransportClient(options(api.fetch))
      .GET("/api/v1/people")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    const shown = JSON.stringify(error) + String((error as Error).message);
    expect(shown).not.toContain("echoed");
    expect(shown).not.toContain(clientSecret);
  });

  it("parses the response a middleware put in place of the one the transport read", async () => {
    const api = fakeApi(json);
    const crm = createTransportClient(options(api.fetch));
    crm.use({ onResponse: () => Response.json({ data: [], totalCount: 0, replaced: true }) });
    const { data } = await crm.GET("/api/v1/people");
    expect(data).toEqual({ data: [], totalCount: 0, replaced: true });
  });
});
