/**
 * What a second adversarial review of issue #11 found, tried as a hostile server and a careless
 * caller would: one test per defect, each of which failed before its fix.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { tokenStoreKey } from "../../src/auth/create-token-provider.js";
import { AuthenticationError, createMemoryTokenStore, InvalidResponseError, type Logger } from "../../src/index.js";
import { unwrap } from "../../src/unwrap.js";
import { baseUrl, clientSecret, fakeApi, options, page, tokenResponse, tokenUrl } from "../fake-api.js";
import { createTransportClient } from "../fixtures/transport-client.js";
import { SimulatedClock, settle } from "../simulated-clock.js";

const ok = () => page([], 0, 0, 50);
const echoedToken = "hostile-echo-token-0123456789";

function capture(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const push = (line: string) => lines.push(line);
  return { logger: { error: push, warn: push, info: push, debug: push }, text: () => lines.join("\n") };
}

describe("a server that echoes a secret", () => {
  it("in response headers: middleware, the error (requestId, util.inspect) and the log never see it", async () => {
    const echo = {
      "x-request-id": echoedToken,
      "www-authenticate": `Bearer error="invalid_token", token="${echoedToken}"`,
    };
    const api = fakeApi(
      (_request, attempt) => new Response("{}", { status: attempt === 1 ? 200 : 400, headers: echo }),
      () => tokenResponse(3600, echoedToken),
    );
    const log = capture();
    const crm = createTransportClient({ ...options(api.fetch), logger: log.logger, logLevel: "debug" });
    const seenByMiddleware: string[] = [];
    crm.use({ onResponse: ({ response }) => void seenByMiddleware.push(JSON.stringify([...response.headers])) });
    const success = await crm.GET("/api/v1/people");
    const failure = await crm.GET("/api/v1/people");
    const error = (() => {
      try {
        return unwrap(failure as never);
      } catch (caught) {
        return caught;
      }
    })();
    expect(seenByMiddleware).toHaveLength(2);
    expect(seenByMiddleware.join()).not.toContain(echoedToken);
    expect(JSON.stringify([...success.response.headers, ...failure.response.headers])).not.toContain(echoedToken);
    expect(inspect(error)).not.toContain(echoedToken);
    expect((error as { requestId?: string }).requestId).toBe("[redacted]");
    expect(log.text()).not.toContain(echoedToken);
    expect(success.response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token", token="[redacted]"');
  });
});

describe("a redirect whose Location quotes a secret", () => {
  it("a refused redirect names its target without the token", async () => {
    const api = fakeApi(
      () => new Response(null, { status: 302, headers: { location: `${baseUrl}/moved/${echoedToken}` } }),
      () => tokenResponse(3600, echoedToken),
    );
    const error = await createTransportClient(options(api.fetch))
      .POST("/api/v1/people", { body: {} as never })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain(`redirected (302) to ${baseUrl}/moved/[redacted]`);
    expect(inspect(error)).not.toContain(echoedToken);
  });

  it("a refused token redirect names its target without the client secret", async () => {
    const api = fakeApi(
      ok,
      () => new Response(null, { status: 302, headers: { location: `https://elsewhere.test/${clientSecret}` } }),
    );
    const error = await createTransportClient(options(api.fetch))
      .GET("/api/v1/people")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain("redirected (302) to https://elsewhere.test/[redacted]");
    expect(inspect(error)).not.toContain(clientSecret);
  });
});

describe("a redirect to something that is not an http or https URL", () => {
  it.each([
    ["javascript:alert(1)", "javascript:…", "only http and https are followed"],
    ['data:application/json,{"forged":true}', "data:…", "only http and https are followed"],
    ["file:///etc/passwd", "file:…", "only http and https are followed"],
    ["http://[", '"http://["', "the Location is not a URL"],
  ])("Location %s is refused at once, never fetched nor retried", async (location, shown, why) => {
    const api = fakeApi((request) =>
      request.url.startsWith(baseUrl)
        ? new Response(null, { status: 302, headers: { location } })
        : Response.json({ forged: true }),
    );
    const error = await createTransportClient({ ...options(api.fetch), maxRetries: 2 })
      .GET("/api/v1/people")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe(`GET /api/v1/people was redirected (302) to ${shown}; not followed: ${why}`);
    expect(api.apiRequests()).toHaveLength(1);
  });

  it("an unreadable Location from the token endpoint is refused, not retried as a network failure", async () => {
    const api = fakeApi(ok, () => new Response(null, { status: 307, headers: { location: "http://[" } }));
    const error = await createTransportClient({ ...options(api.fetch), maxRetries: 2 })
      .GET("/api/v1/people")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('redirected (307) to "http://["; not followed');
    expect(api.tokenRequests()).toHaveLength(1);
  });
});

describe("the token endpoint", () => {
  it.each([1e308, 1e30])("expires_in %d is kept as one day, an expiry a store can hold", async (expiresIn) => {
    const clock = new SimulatedClock();
    const tokenStore = createMemoryTokenStore({ clock });
    const api = fakeApi(ok, () => Response.json({ access_token: "long-lived-token-abcdef", expires_in: expiresIn }));
    const settings = { ...options(api.fetch), scope: "api:read" };
    await createTransportClient({ ...settings, clock, tokenStore }).GET("/api/v1/people");
    const stored = await tokenStore.get(tokenStoreKey(tokenUrl, settings.clientId, "api:read"));
    expect(stored?.expiresAt).toBe(86_400_000);
  });

  it("an endless token response is stopped at maxResponseBytes, not read into memory", async () => {
    let sentBytes = 0;
    const endless = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            sentBytes += 65_536;
            controller.enqueue(new Uint8Array(65_536).fill(32));
          },
        }),
      );
    const api = fakeApi(ok, endless);
    const error = await createTransportClient({ ...options(api.fetch), maxResponseBytes: 100_000 })
      .GET("/api/v1/people")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("larger than maxResponseBytes (100000 bytes)");
    expect(sentBytes).toBeLessThan(1_000_000);
    expect(api.tokenRequests()).toHaveLength(1);
  });
});

describe("a careless caller", () => {
  it("an onTokenRefresh hook that throws does not discard the token (no token request per call)", async () => {
    const api = fakeApi(ok);
    const log = capture();
    const crm = createTransportClient({
      ...options(api.fetch),
      logger: log.logger,
      hooks: {
        onTokenRefresh: () => {
          throw new Error("observer failed");
        },
      },
    });
    for (let call = 0; call < 3; call++) expect((await crm.GET("/api/v1/people")).response.status).toBe(200);
    expect(api.tokenRequests()).toHaveLength(1);
    expect(api.apiRequests()).toHaveLength(3);
    expect(log.text()).toContain("hooks.onTokenRefresh threw, the token is kept: observer failed");
  });

  it("a signal that is already aborted sends nothing, not even a token request", async () => {
    const api = fakeApi(ok);
    const reason = new Error("gave up before calling");
    const error = await createTransportClient(options(api.fetch))
      .GET("/api/v1/people", { signal: AbortSignal.abort(reason) })
      .catch((caught: unknown) => caught);
    expect(error).toBe(reason);
    expect(api.requests).toHaveLength(0);
  });

  it.each([
    ["expiresAt: an invalid Date", { expiresAt: new Date("not a date") }],
    ["expiresAt: NaN", { expiresAt: Number.NaN }],
    ["expiresInSeconds: NaN", { expiresInSeconds: Number.NaN }],
  ])("an accessToken function returning %s gets a clear error, not a call on every request", async (_what, expiry) => {
    let calls = 0;
    const api = fakeApi(ok);
    const { clientId: _id, clientSecret: _secret, ...withoutCredentials } = options(api.fetch);
    const crm = createTransportClient({
      ...withoutCredentials,
      accessToken: () => ({ accessToken: `caller-token-${++calls}-abcdefgh`, ...expiry }),
    });
    const error = await crm.GET("/api/v1/people").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain("returned an expiry that is not a time");
    expect(api.requests).toHaveLength(0);
  });

  it("a middleware that never settles still lets the caller's abort end the call", async () => {
    const api = fakeApi(ok);
    const crm = createTransportClient(options(api.fetch));
    crm.use({ onRequest: () => new Promise<undefined>(() => undefined) });
    const controller = new AbortController();
    const call = crm.GET("/api/v1/people", { signal: controller.signal }).catch((caught: unknown) => caught);
    await settle();
    const reason = new Error("caller gave up");
    controller.abort(reason);
    expect(await call).toBe(reason);
    expect(api.requests).toHaveLength(0);
  });
});
