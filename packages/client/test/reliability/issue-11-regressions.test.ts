/**
 * The defects issue #11's adversarial review found on the request path: one test each, each of
 * which failed before its fix. Time runs on a simulated clock; the API is an injected fetch.
 */
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConfigurationError,
  createMemoryTokenStore,
  InvalidResponseError,
  type Logger,
  RateLimitError,
  TimeoutError,
} from "../../src/index.js";
import { baseUrl, fakeApi, never, options, page, person } from "../fake-api.js";
import { createTransportClient } from "../fixtures/transport-client.js";
import { SimulatedClock, settle } from "../simulated-clock.js";

const ok = () => page([], 0, 0, 50);
const id = person(1).id;

function capture(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const push = (line: string) => lines.push(line);
  return { logger: { error: push, warn: push, info: push, debug: push }, text: () => lines.join("\n") };
}

describe("secrets", () => {
  it("user middleware never sees the bearer token: onRequest, onResponse and onError", async () => {
    const api = fakeApi((_request, attempt) => {
      if (attempt === 2) throw new TypeError("fetch failed");
      return ok();
    });
    const crm = createTransportClient({ ...options(api.fetch), maxRetries: 0 });
    const seen: (string | null)[] = [];
    crm.use({
      onRequest: ({ request }) => void seen.push(request.headers.get("authorization")),
      onResponse: ({ request }) => void seen.push(request.headers.get("authorization")),
      onError: ({ request }) => void seen.push(request.headers.get("authorization")),
    });
    await crm.GET("/api/v1/people");
    await crm.GET("/api/v1/people").catch(() => undefined);
    expect(seen).toEqual([null, null, null, null]);
    expect(api.apiRequests()[0]?.headers.get("authorization")).toMatch(/^Bearer /);
  });

  it("every client sharing a token store scrubs the shared token from errors and logs", async () => {
    const tokenStore = createMemoryTokenStore();
    const echo = fakeApi((request) => Response.json({ echoed: request.headers.get("authorization") }, { status: 400 }));
    const settings = { ...options(echo.fetch), tokenStore };
    const first = createTransportClient(settings);
    await first.GET("/api/v1/people");
    const log = capture();
    const second = createTransportClient({ ...settings, logger: log.logger, logLevel: "debug" });
    const { error } = await second.GET("/api/v1/people");
    const token = echo.apiRequests()[0]?.headers.get("authorization")?.slice("Bearer ".length) ?? "";
    expect(echo.tokenRequests()).toHaveLength(1);
    expect(token.length).toBeGreaterThan(8);
    expect(JSON.stringify(error)).not.toContain(token);
    expect(log.text()).not.toContain(token);
  });

  it("the token request never follows a redirect to another origin (the secret stays home)", async () => {
    const api = fakeApi(
      ok,
      () => new Response(null, { status: 307, headers: { location: "http://127.0.0.1:9/oauth/token" } }),
    );
    const error = await createTransportClient(options(api.fetch))
      .GET("/api/v1/people")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/redirected \(307\) to http:\/\/127\.0\.0\.1:9\/oauth\/token/);
    expect(api.requests.map((request) => new URL(request.url).origin)).toEqual([baseUrl]);
  });
});

describe("writes", () => {
  it.each([301, 302, 303])(
    "a %i answer to a POST is refused, never turned into a GET that reports success",
    async (status) => {
      const api = fakeApi(
        () => new Response(null, { status, headers: { location: `${baseUrl}/api/v1/people/${id}` } }),
      );
      const error = await createTransportClient(options(api.fetch))
        .POST("/api/v1/people", { body: { firstName: "A", lastName: "B", email: "a@example.com" } as never })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as Error).message).toContain(`redirected (${status}) to ${baseUrl}/api/v1/people/${id}`);
      expect(api.apiRequests().map((request) => request.method)).toEqual(["POST"]);
    },
  );

  it("a DELETE retried after a lost response that then gets 404 is a successful delete, logged", async () => {
    const api = fakeApi((_request, attempt) =>
      attempt === 1 ? new Response("", { status: 503 }) : new Response("", { status: 404 }),
    );
    const log = capture();
    const clock = new SimulatedClock();
    const crm = createTransportClient({ ...options(api.fetch), logger: log.logger, logLevel: "info", clock });
    const call = crm.DELETE("/api/v1/people/{personId}", { params: { path: { personId: id } } });
    const result = await runClock(clock, call);
    expect(result.error).toBeUndefined();
    expect(result.response.status).toBe(204);
    expect(result.response.headers.get("engagifii-deleted-by-earlier-attempt")).toBe("true");
    expect(log.text()).toContain("an earlier attempt deleted it");
    // A first 404 is still NotFound.
    const fresh = fakeApi(() => new Response("", { status: 404 }));
    expect(
      (
        await createTransportClient(options(fresh.fetch)).DELETE("/api/v1/people/{personId}", {
          params: { path: { personId: id } },
        })
      ).response.status,
    ).toBe(404);
  });
});

describe("memory and time", () => {
  it("maxResponseBytes stops a buffered body past the limit; per request it can be raised", async () => {
    const big = "x".repeat(2048);
    const api = fakeApi(
      () => new Response(JSON.stringify({ big }), { headers: { "content-type": "application/json" } }),
    );
    const crm = createTransportClient({ ...options(api.fetch), maxResponseBytes: 1024, maxRetries: 0 });
    const error = await crm.GET("/api/v1/people").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("maxResponseBytes (1024 bytes)");
    const { data } = await crm.GET("/api/v1/people", { maxResponseBytes: 4096 });
    expect(data).toEqual({ big });
  });

  it("a per-request timeoutMs bounds the whole call, the token fetch included", async () => {
    const clock = new SimulatedClock();
    const api = fakeApi(ok, never);
    const call = createTransportClient({ ...options(api.fetch), clock })
      .GET("/api/v1/people", { timeoutMs: 500 })
      .catch((caught: unknown) => caught);
    await settle();
    await clock.advance(500);
    const error = await call;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(api.apiRequests()).toHaveLength(0);
  });

  it("a 429 whose Retry-After outlasts the request fails it at once, and does not stall the next calls", async () => {
    const clock = new SimulatedClock();
    const api = fakeApi(() => new Response("", { status: 429, headers: { "retry-after": "3600" } }));
    const crm = createTransportClient({ ...options(api.fetch), clock, rateLimit: { requests: 100 } });
    const first = await crm.GET("/api/v1/people", { timeoutMs: 5_000 }).catch((caught: unknown) => caught);
    const { error } = await crm.GET("/api/v1/people").then(
      (result) => ({ error: result.error as unknown }),
      (caught: unknown) => ({ error: caught }),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(clock.now()).toBe(0); // nobody waited
    expect(api.apiRequests()).toHaveLength(1);
    expect(first).not.toBeInstanceOf(Error); // the first call got the 429 itself (unwrap makes it a RateLimitError)
  });

  it("a hook that throws does not leak a rate-limiter place", async () => {
    const clock = new SimulatedClock();
    const api = fakeApi(ok);
    const crm = createTransportClient({
      ...options(api.fetch),
      clock,
      rateLimit: { requests: 1, intervalMs: 1000 },
      hooks: {
        onRateLimit: () => {
          throw new Error("hook failed");
        },
      },
    });
    await crm.GET("/api/v1/people");
    const waiting = crm.GET("/api/v1/people").catch((caught: unknown) => caught);
    await settle();
    await clock.advance(1000);
    expect(await waiting).toMatchObject({ message: "hook failed" });
    await clock.advance(1000);
    const after = crm.GET("/api/v1/people");
    await settle();
    await clock.advance(1000);
    await settle();
    expect((await after).response.status).toBe(200);
  });

  it("a caller signal shared by 2,000 calls keeps no listeners and raises no MaxListenersExceededWarning", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    const api = fakeApi(ok);
    const crm = createTransportClient(options(api.fetch));
    const signal = new AbortController().signal;
    for (let batch = 0; batch < 20; batch++)
      await Promise.all(Array.from({ length: 100 }, () => crm.GET("/api/v1/people", { signal })));
    await settle();
    process.off("warning", onWarning);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });
});

describe("bad input", () => {
  it("an HTTP status outside 100–599 is an InvalidResponseError", async () => {
    const api = fakeApi(() => Object.defineProperty(ok(), "status", { value: 999 }));
    const error = await createTransportClient(options(api.fetch))
      .GET("/api/v1/people")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("HTTP status 999, outside 100–599");
  });

  it.each([[["a", "b"]], [{ a: 1 }], [true]])("path parameter %j cannot reach another endpoint", async (value) => {
    const api = fakeApi(ok);
    const call = createTransportClient(options(api.fetch)).GET("/api/v1/people/{personId}", {
      params: { path: { personId: value as never } },
    });
    await expect(call).rejects.toBeInstanceOf(ConfigurationError);
    await expect(call).rejects.toThrow("params.path.personId");
    expect(api.requests).toHaveLength(0);
  });

  it.each([
    ["maxRetries", { maxRetries: -1 }],
    ["timeoutMs", { timeoutMs: "5s" }],
    ["maxResponseBytes", { maxResponseBytes: 0 }],
    ["idempotent", { idempotent: "yes" }],
    ["idempotencyKey", { idempotencyKey: "a\nb" }],
    ["tenantCode", { tenantCode: 42 }],
    ["parseAs", { parseAs: "xml" }],
    ["signal", { signal: "stop" }],
  ])("a bad per-request %s throws ConfigurationError naming it", async (option, init) => {
    const api = fakeApi(ok);
    const error = await createTransportClient(options(api.fetch))
      .GET("/api/v1/people", init as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(option);
  });
});

describe("tenant and Accept", () => {
  it("the client's tenant is always sent, even over a tenant-code header the request carries", async () => {
    const api = fakeApi(ok);
    const crm = createTransportClient(options(api.fetch));
    await crm.GET("/api/v1/people", { headers: { "tenant-code": "other" } } as never);
    await crm.GET("/api/v1/people", { params: { header: { "tenant-code": "other" } } } as never);
    await crm.GET("/api/v1/people", { tenantCode: "chosen", headers: { "tenant-code": "other" } } as never);
    expect(api.apiRequests().map((request) => request.headers.get("tenant-code"))).toEqual(["acme", "acme", "chosen"]);
  });

  it("sends Accept: application/json unless the caller set Accept", async () => {
    const api = fakeApi(ok);
    const crm = createTransportClient(options(api.fetch));
    await crm.GET("/api/v1/people");
    await crm.GET("/api/v1/people", { headers: { accept: "text/csv" }, parseAs: "text" } as never);
    expect(api.apiRequests().map((request) => request.headers.get("accept"))).toEqual(["application/json", "text/csv"]);
  });
});

describe("token function", () => {
  it("an accessToken function is called once, then again only after a 401 or the expiry it returned", async () => {
    const clock = new SimulatedClock();
    let calls = 0;
    const api = fakeApi((request) =>
      request.headers.get("authorization") === "Bearer caller-token-2" ? new Response("", { status: 401 }) : ok(),
    );
    const { clientId: _id, clientSecret: _secret, ...withoutCredentials } = options(api.fetch);
    const crm = createTransportClient({
      ...withoutCredentials,
      clock,
      accessToken: () => ({ accessToken: `caller-token-${++calls}`, expiresInSeconds: 60 }),
    });
    for (let i = 0; i < 5; i++) await crm.GET("/api/v1/people");
    expect(calls).toBe(1);
    await clock.advance(60_000);
    await crm.GET("/api/v1/people"); // expired: token 2, refused (401), replayed with token 3
    expect(calls).toBe(3);
    await crm.GET("/api/v1/people");
    expect(calls).toBe(3);
  });
});

describe("parseAs: stream", () => {
  it("resolves at the headers, and a download longer than timeoutMs does not fail", async () => {
    const clock = new SimulatedClock();
    let finish: () => void = () => undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("first "));
        finish = () => {
          controller.enqueue(new TextEncoder().encode("last"));
          controller.close();
        };
      },
    });
    const api = fakeApi(() => new Response(body));
    const crm = createTransportClient({ ...options(api.fetch), clock, timeoutMs: 100 });
    const { data } = await crm.GET("/api/v1/people", { parseAs: "stream" });
    await clock.advance(5_000);
    finish();
    expect(await new Response(data as unknown as ReadableStream).text()).toBe("first last");
  });
});

/** Lets a call that backs off on the simulated clock run to its end. */
async function runClock<T>(clock: SimulatedClock, call: Promise<T>): Promise<T> {
  let done = false;
  call.finally(() => (done = true)).catch(() => undefined);
  for (let i = 0; i < 100 && !done; i++) {
    await settle();
    await clock.advance(10_000);
  }
  return call;
}
