import { describe, expect, it } from "vitest";
import { createCrmClient, InvalidResponseError } from "../src/index.js";
import { fakeApi, options } from "./fake-api.js";

// Swashbuckle lists text/plain first and ASP.NET may answer with it: the body is still the operation's JSON.
const get = async (body: string, contentType: string) => {
  const api = fakeApi(() => new Response(body, { headers: { "content-type": contentType } }));
  const result = await createCrmClient(options(api.fetch)).GET("/fixture/value" as never);
  return { data: (result as { data?: unknown }).data, request: api.apiRequests()[0] };
};

describe("content types", () => {
  it("parses JSON answered as text/plain", async () => {
    expect((await get('{"id":"1","name":"Jane"}', "text/plain; charset=utf-8")).data).toEqual({
      id: "1",
      name: "Jane",
    });
  });

  it.each([
    ['"hello"', "application/json", "hello"],
    ["42", "application/json; charset=utf-8", 42],
    ["true", "text/json", true],
    ["false", "text/plain", false],
  ])("reads the bare body %s (%s)", async (body, contentType, expected) => {
    expect((await get(body, contentType)).data).toEqual(expected);
  });

  it("rejects a body that is not JSON, whatever its content type: an unquoted text could be an error page", async () => {
    await expect(get("<html>", "application/json")).rejects.toThrow(InvalidResponseError);
    await expect(get("hello", "text/plain")).rejects.toThrow(InvalidResponseError);
  });
});
