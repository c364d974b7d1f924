// The sandbox's token endpoint: real-looking tokens that expire on the injected clock, and
// credentials checked when the sandbox was given a client id and secret.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";
import { liveShapedSpec, sandboxToken } from "./helpers.js";

let sandbox: MockServer;
let nowMs = Date.parse("2026-03-01T12:00:00Z");

beforeAll(async () => {
  sandbox = await startMockServer({
    stateful: true,
    spec: liveShapedSpec,
    tokenTtlSeconds: 60,
    clientId: "sandbox-client",
    clientSecret: "sandbox-secret",
    now: () => nowMs,
  });
});
afterAll(() => sandbox?.stop());

function listWidgets(token: string) {
  return fetch(`${sandbox.url}/api/Widget`, { headers: { authorization: `Bearer ${token}`, "tenant-code": "acme" } });
}

describe("sandbox tokens", () => {
  it("issues a JWT-shaped token with the document's scopes and the configured lifetime", async () => {
    const response = await fetch(sandbox.tokenUrl, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from("sandbox-client:sandbox-secret").toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 60, scope: "crm.api" });
    const claims = JSON.parse(
      Buffer.from(String(body.access_token).split(".")[1] ?? "", "base64url").toString(),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: "sandbox-client", scope: "crm.api", exp: nowMs / 1000 + 60 });
  });

  it("rejects wrong credentials, an unknown grant and an unknown scope", async () => {
    const ask = (fields: Record<string, string>) =>
      fetch(sandbox.tokenUrl, { method: "POST", body: new URLSearchParams(fields) }).then(async (response) => [
        response.status,
        ((await response.json()) as { error: string }).error,
      ]);
    expect(
      await ask({ grant_type: "client_credentials", client_id: "sandbox-client", client_secret: "wrong" }),
    ).toEqual([401, "invalid_client"]);
    expect(await ask({ grant_type: "password", client_id: "sandbox-client", client_secret: "sandbox-secret" })).toEqual(
      [400, "unsupported_grant_type"],
    );
    expect(
      await ask({
        grant_type: "client_credentials",
        client_id: "sandbox-client",
        client_secret: "sandbox-secret",
        scope: "admin",
      }),
    ).toEqual([400, "invalid_scope"]);
  });

  it("accepts a token until it expires, then answers 401 so a client can renew it", async () => {
    const token = await sandboxToken(sandbox.tokenUrl, "sandbox-client", "sandbox-secret");
    nowMs += 59_000;
    expect((await listWidgets(token)).status).toBe(200);
    nowMs += 1_000;
    const expired = await listWidgets(token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(await expired.json()).toMatchObject({ detail: "The access token expired." });
    const renewed = await sandboxToken(sandbox.tokenUrl, "sandbox-client", "sandbox-secret");
    expect((await listWidgets(renewed)).status).toBe(200);
  });

  it("rejects a token it did not issue", async () => {
    const forged = `${(await sandboxToken(sandbox.tokenUrl, "sandbox-client", "sandbox-secret")).slice(0, -4)}AAAA`;
    expect((await listWidgets(forged)).status).toBe(401);
    expect((await listWidgets("not-a-token")).status).toBe(401);
  });
});
