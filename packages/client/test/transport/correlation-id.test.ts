import { describe, expect, it } from "vitest";
import { correlationIdPolicy } from "../../src/transport/correlation-id.js";
import { crmRequest, recordingNext } from "./request.js";

describe("correlationIdPolicy", () => {
  it("adds a uuid on a copy of the headers, and records it for errors and logs", async () => {
    const request = crmRequest();
    const { next, seen } = recordingNext(() => new Response(null));
    await correlationIdPolicy(request, next);
    const sent = seen[0]?.headers.get("x-correlation-id");
    expect(sent).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.trace.correlationId).toBe(sent);
    expect(request.headers.has("x-correlation-id")).toBe(false);
  });

  it("keeps the caller's own id", async () => {
    const request = crmRequest({ headers: new Headers({ "x-correlation-id": "mine" }) });
    const { next, seen } = recordingNext(() => new Response(null));
    await correlationIdPolicy(request, next);
    expect(seen[0]?.headers.get("x-correlation-id")).toBe("mine");
    expect(request.trace.correlationId).toBe("mine");
  });
});
