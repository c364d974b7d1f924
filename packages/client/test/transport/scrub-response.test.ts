import { describe, expect, it } from "vitest";
import { scrubResponse } from "../../src/transport/scrub-response.js";

const secret = "s3cret-token-value";
const scrub = (text: string) => text.replaceAll(secret, "[redacted]");

function success(headers: [string, string][]): Response {
  return new Response('{"ok":true}', { status: 200, headers });
}

describe("scrubResponse", () => {
  it("hands back a success whose headers hold no secret as it is, not a copy", async () => {
    const response = success([
      ["content-type", "application/json"],
      ["set-cookie", "theme=dark"],
    ]);
    expect(await scrubResponse(response, scrub)).toBe(response);
  });

  it("removes a secret that only a Set-Cookie holds, keeping every other header and cookie", async () => {
    const response = success([
      ["content-type", "application/json"],
      ["x-request-id", "req-1"],
      ["set-cookie", `session=${secret}; Path=/`],
      ["set-cookie", "theme=dark"],
    ]);
    const scrubbed = await scrubResponse(response, scrub);
    expect(scrubbed.headers.getSetCookie()).toEqual(["session=[redacted]; Path=/", "theme=dark"]);
    expect(scrubbed.headers.get("content-type")).toBe("application/json");
    expect(scrubbed.headers.get("x-request-id")).toBe("req-1");
    expect(await scrubbed.text()).toBe('{"ok":true}');
  });

  it("removes a secret from an ordinary header of a success", async () => {
    const response = success([["www-authenticate", `Bearer token="${secret}"`]]);
    const scrubbed = await scrubResponse(response, scrub);
    expect(scrubbed.headers.get("www-authenticate")).toBe('Bearer token="[redacted]"');
    expect(scrubbed.status).toBe(200);
  });
});
