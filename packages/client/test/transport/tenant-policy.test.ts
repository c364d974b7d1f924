import { describe, expect, it } from "vitest";
import { tenantPolicy } from "../../src/transport/tenant-policy.js";
import { crmRequest, recordingNext } from "./request.js";

describe("tenantPolicy", () => {
  it("sends the client's tenant, over any tenant-code header the request carries", async () => {
    const { next, seen } = recordingNext(() => new Response(null));
    await tenantPolicy("acme")(crmRequest({ headers: new Headers({ "tenant-code": "intruder" }) }), next);
    await tenantPolicy("acme")(crmRequest(), next);
    expect(seen.map((request) => request.headers.get("tenant-code"))).toEqual(["acme", "acme"]);
  });

  it("sends the tenant the request chose, and records it", async () => {
    const { next, seen } = recordingNext(() => new Response(null));
    const request = crmRequest({ settings: { tenantCode: "acme-east" } });
    await tenantPolicy("acme")(request, next);
    expect(seen[0]?.headers.get("tenant-code")).toBe("acme-east");
    expect(request.trace.tenantCode).toBe("acme-east");
  });
});
