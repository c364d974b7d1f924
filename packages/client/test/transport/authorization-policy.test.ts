import { describe, expect, it } from "vitest";
import type { TokenProvider } from "../../src/auth/token-provider.js";
import { authorizationPolicy } from "../../src/transport/authorization-policy.js";
import { crmRequest, recordingNext } from "./request.js";

function tokens(): TokenProvider & { invalidated: string[] } {
  let current = 1;
  const invalidated: string[] = [];
  return {
    invalidated,
    token: async () => `token-number-${current}`,
    invalidate: async (rejected) => {
      invalidated.push(rejected);
      current++;
      return true;
    },
  };
}

const apiOrigin = "https://crm.example.test";

describe("authorizationPolicy", () => {
  it("adds the bearer token to the attempt's copy only", async () => {
    const request = crmRequest();
    const { next, seen } = recordingNext(() => new Response(null));
    await authorizationPolicy({ tokens: tokens(), apiOrigin, hooks: {} })(request, next);
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer token-number-1");
    expect(request.headers.has("authorization")).toBe(false);
  });

  it("sends no token to another origin", async () => {
    const request = crmRequest({
      url: "https://elsewhere.example.test/x",
      headers: new Headers({ authorization: "x" }),
    });
    const { next, seen } = recordingNext(() => new Response(null));
    await authorizationPolicy({ tokens: tokens(), apiOrigin, hooks: {} })(request, next);
    expect(seen[0]?.headers.has("authorization")).toBe(false);
  });

  it("replays a 401 once, with a fresh token", async () => {
    const provider = tokens();
    const request = crmRequest();
    const { next, seen } = recordingNext(() => new Response(null, { status: 401 }));
    const response = await authorizationPolicy({ tokens: provider, apiOrigin, hooks: {} })(request, next);
    expect(response.status).toBe(401);
    expect(seen.map((sent) => sent.headers.get("authorization"))).toEqual([
      "Bearer token-number-1",
      "Bearer token-number-2",
    ]);
    expect(provider.invalidated).toEqual(["token-number-1"]);
    expect(request.trace.attempts).toBe(1);
  });
});
