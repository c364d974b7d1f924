import { describe, expect, it } from "vitest";
import { AuthenticationError } from "../src/index.js";
import { baseUrl, clientSecret, fakeApi, options, page, tokenResponse, tokenUrl } from "./fake-api.js";
import { createTransportClient } from "./fixtures/transport-client.js";
import { SimulatedClock, settle } from "./simulated-clock.js";

const ok = () => page([], 0, 0, 50);

describe("OAuth2 client credentials", () => {
  it("fetches the token lazily, form-encoded, with the secret only in the token request body", async () => {
    const api = fakeApi(ok);
    const settings = { ...options(api.fetch), scope: "api:read" };
    const crm = createTransportClient(settings);
    expect(api.requests).toHaveLength(0);
    await crm.GET("/api/v1/people");
    const [tokenRequest, apiRequest] = api.requests;
    expect(tokenRequest?.url).toBe(tokenUrl);
    expect(tokenRequest?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: "client_credentials",
      client_id: settings.clientId,
      client_secret: clientSecret,
      scope: "api:read",
    });
    expect(apiRequest?.headers.get("authorization")).toMatch(/^Bearer token-\d+-/);
    expect(JSON.stringify([...(apiRequest?.headers ?? [])])).not.toContain(clientSecret);
  });

  it("shares one token request among 100 concurrent first calls", async () => {
    let answerToken: () => void = () => undefined;
    const api = fakeApi(ok, async () => {
      await new Promise<void>((resolve) => (answerToken = resolve));
      return tokenResponse();
    });
    const crm = createTransportClient(options(api.fetch));
    const calls = Promise.all(Array.from({ length: 100 }, () => crm.GET("/api/v1/people")));
    await settle(); // every call is waiting for the one token request
    answerToken();
    const results = await calls;
    expect(results.every((result) => result.response.status === 200)).toBe(true);
    expect(api.tokenRequests()).toHaveLength(1);
    expect(new Set(api.apiRequests().map((request) => request.headers.get("authorization"))).size).toBe(1);
  });

  it("caches the token per (tokenUrl, clientId, scope): withTenant clients and new clients with the same credentials share it", async () => {
    const api = fakeApi(ok);
    const settings = options(api.fetch);
    const crm = createTransportClient(settings);
    await crm.GET("/api/v1/people");
    await crm.withTenant("acme-east").GET("/api/v1/people");
    await createTransportClient(settings).GET("/api/v1/people");
    expect(api.tokenRequests()).toHaveLength(1);
    await createTransportClient({ ...settings, scope: "api:read" }).GET("/api/v1/people");
    await createTransportClient({ ...settings, clientSecret: "a-different-secret" }).GET("/api/v1/people");
    expect(api.tokenRequests()).toHaveLength(3);
  });

  it("refreshes in the background inside the refresh window, without making callers wait", async () => {
    let tokens = 0;
    let releaseSecond: () => void = () => undefined;
    const api = fakeApi(ok, async () => {
      tokens++;
      if (tokens === 2) await new Promise<void>((resolve) => (releaseSecond = resolve));
      // 1 s lifetime: the refresh window is 0.5 s, so the first token is "expiring" immediately after 0.5 s.
      return tokenResponse(tokens === 1 ? 1 : 3600, `token-number-${tokens}-xxxxxxxx`);
    });
    const refreshes: string[] = [];
    const clock = new SimulatedClock();
    const crm = createTransportClient({
      ...options(api.fetch),
      clock,
      hooks: { onTokenRefresh: (event) => refreshes.push(event.reason) },
    });
    await crm.GET("/api/v1/people");
    await clock.advance(600);
    await crm.GET("/api/v1/people"); // served with token 1 while token 2 is fetched
    expect(api.apiRequests()[1]?.headers.get("authorization")).toBe("Bearer token-number-1-xxxxxxxx");
    await settle();
    expect(tokens).toBe(2); // the refresh has reached the server
    releaseSecond();
    await settle();
    await crm.GET("/api/v1/people");
    expect(api.apiRequests()[2]?.headers.get("authorization")).toBe("Bearer token-number-2-xxxxxxxx");
    expect(refreshes).toEqual(["initial", "expiring"]);
  });

  it("on a 401 invalidates the token, fetches a new one and replays once", async () => {
    const api = fakeApi((_request, attempt) => (attempt === 1 ? new Response(null, { status: 401 }) : ok()));
    const crm = createTransportClient(options(api.fetch));
    const { response } = await crm.GET("/api/v1/people");
    expect(response.status).toBe(200);
    expect(api.tokenRequests()).toHaveLength(2);
    const [first, second] = api.apiRequests();
    expect(first?.headers.get("authorization")).not.toBe(second?.headers.get("authorization"));
  });

  it("raises AuthenticationError when the replay is refused too", async () => {
    const api = fakeApi(() => Response.json({ title: "Unauthorized", status: 401 }, { status: 401 }));
    const crm = createTransportClient(options(api.fetch));
    const error = await crm.people.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, attempts: 2 });
    expect(api.apiRequests()).toHaveLength(2);
  });

  it("turns an OAuth error body into AuthenticationError without retrying", async () => {
    const api = fakeApi(ok, () =>
      Response.json({ error: "invalid_client", error_description: "Unknown client" }, { status: 401 }),
    );
    const crm = createTransportClient(options(api.fetch));
    const error = await crm.people.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ oauthError: "invalid_client", oauthErrorDescription: "Unknown client" });
    expect((error as Error).message).toContain("invalid_client (Unknown client)");
    expect(api.tokenRequests()).toHaveLength(1);
    expect(api.apiRequests()).toHaveLength(0);
  });

  it("retries the token endpoint on 5xx and network failures", async () => {
    const api = fakeApi(ok, (_request, attempt) => {
      if (attempt === 1) throw new TypeError("fetch failed");
      if (attempt === 2) return new Response("busy", { status: 503, headers: { "retry-after-ms": "1" } });
      return tokenResponse();
    });
    const crm = createTransportClient(options(api.fetch));
    expect((await crm.GET("/api/v1/people")).response.status).toBe(200);
    expect(api.tokenRequests()).toHaveLength(3);
  });

  it("accepts an identity server's /connect/token with a scope", async () => {
    const api = fakeApi(ok);
    const identity = "https://identity.example.test/connect/token";
    const crm = createTransportClient({ ...options(api.fetch), tokenUrl: identity, scope: "crm.api" });
    await crm.GET("/api/v1/people");
    expect(api.tokenRequests()[0]?.url).toBe(identity);
    expect(new URLSearchParams(api.tokenRequests()[0]?.body).get("scope")).toBe("crm.api");
  });

  it("uses a caller's accessToken (string or function) instead of the grant", async () => {
    const api = fakeApi(ok);
    await createTransportClient({
      baseUrl,
      tenantCode: "acme",
      fetch: api.fetch,
      env: {},
      accessToken: "sso-token-123456",
    }).GET("/api/v1/people");
    let calls = 0;
    const fromFunction = createTransportClient({
      ...options(api.fetch),
      accessToken: async () => `sso-token-fn-${++calls}`,
    });
    await fromFunction.GET("/api/v1/people");
    expect(api.tokenRequests()).toHaveLength(0);
    expect(api.apiRequests().map((request) => request.headers.get("authorization"))).toEqual([
      "Bearer sso-token-123456",
      "Bearer sso-token-fn-1",
    ]);
  });

  it("sends Authorization only to baseUrl's origin", async () => {
    const api = fakeApi(ok);
    const crm = createTransportClient(options(api.fetch));
    await crm.GET("/api/v1/people", { baseUrl: "https://elsewhere.example.test" });
    await crm.GET("/api/v1/people", { baseUrl: `${baseUrl}/` });
    const [elsewhere, home] = api.apiRequests();
    expect(elsewhere?.headers.has("authorization")).toBe(false);
    expect(home?.headers.has("authorization")).toBe(true);
  });
});
