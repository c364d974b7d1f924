import { describe, expect, it } from "vitest";
import type { RetryEvent } from "../src/index.js";
import { ConnectionError, RateLimitError, ServerError, TimeoutError } from "../src/index.js";
import { fakeApi, never, options, page, person } from "./fake-api.js";
import { createTransportClient } from "./fixtures/transport-client.js";
import { SimulatedClock, settle } from "./simulated-clock.js";

const quickRetry = { "retry-after-ms": "1" };
const created = () => Response.json(person(1), { status: 201 });

describe("retries", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries a GET after %i and succeeds", async (status) => {
    const api = fakeApi((_request, attempt) =>
      attempt === 1 ? new Response("", { status, headers: quickRetry }) : page([], 0, 0, 50),
    );
    const { response } = await createTransportClient(options(api.fetch)).GET("/api/v1/people");
    expect(response.status).toBe(200);
    expect(api.apiRequests()).toHaveLength(2);
  });

  it("gives up after maxRetries with the typed error and the attempt count", async () => {
    const api = fakeApi(() => Response.json({ title: "Oops", status: 503 }, { status: 503, headers: quickRetry }));
    const error = await createTransportClient({ ...options(api.fetch), maxRetries: 3 })
      .people.list()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({
      status: 503,
      attempts: 4,
      method: "GET",
      path: "/api/v1/people",
      tenantCode: "acme",
    });
    expect(api.apiRequests()).toHaveLength(4);
  });

  it("takes maxRetries per request", async () => {
    const api = fakeApi(() => new Response("", { status: 503, headers: quickRetry }));
    await createTransportClient(options(api.fetch)).GET("/api/v1/people", { maxRetries: 0 });
    expect(api.apiRequests()).toHaveLength(1);
  });

  it("does not retry a POST after a 500: the person may have been created", async () => {
    const api = fakeApi(() => new Response("", { status: 500, headers: quickRetry }));
    const error = await createTransportClient(options(api.fetch))
      .people.create({ firstName: "Jane", lastName: "Smith", email: "jane@example.com" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect(api.apiRequests()).toHaveLength(1);
  });

  it("does not retry a POST after a timeout", async () => {
    const api = fakeApi(never);
    const error = await createTransportClient({ ...options(api.fetch), timeoutMs: 20 })
      .people.create({ firstName: "J", lastName: "S", email: "j@example.com" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(api.apiRequests()).toHaveLength(1);
  });

  it("retries a POST after a 429 and re-sends the body byte for byte", async () => {
    const api = fakeApi((_request, attempt) =>
      attempt === 1 ? new Response("", { status: 429, headers: quickRetry }) : created(),
    );
    await createTransportClient(options(api.fetch)).people.create({
      firstName: "Jäne",
      lastName: "Smith",
      email: "jane@example.com",
    });
    const [first, second] = api.apiRequests();
    expect(second?.body).toBe(first?.body);
    expect(JSON.parse(first?.body ?? "")).toEqual({ firstName: "Jäne", lastName: "Smith", email: "jane@example.com" });
  });

  it("retries a POST after a connection refused before sending", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    const api = fakeApi((_request, attempt) => {
      if (attempt === 1) throw refused;
      return created();
    });
    await createTransportClient(options(api.fetch)).people.create({
      firstName: "J",
      lastName: "S",
      email: "j@example.com",
    });
    expect(api.apiRequests()).toHaveLength(2);
  });

  it("does not retry a POST after a connection reset (it may have been processed)", async () => {
    const reset = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
    });
    const api = fakeApi(() => {
      throw reset;
    });
    const error = await createTransportClient(options(api.fetch))
      .people.create({ firstName: "J", lastName: "S", email: "j@example.com" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toBe(reset);
    expect(api.apiRequests()).toHaveLength(1);
  });

  it("retries a POST with an idempotency key, sending the same key each time", async () => {
    const api = fakeApi((_request, attempt) =>
      attempt === 1 ? new Response("", { status: 500, headers: quickRetry }) : created(),
    );
    await createTransportClient(options(api.fetch)).people.create(
      { firstName: "J", lastName: "S", email: "j@example.com" },
      { idempotencyKey: "sync-42" },
    );
    expect(api.apiRequests().map((request) => request.headers.get("idempotency-key"))).toEqual(["sync-42", "sync-42"]);
  });

  it("keeps one X-Correlation-ID across the retries of a request, and a new one per request", async () => {
    const api = fakeApi((_request, attempt) =>
      attempt === 1 ? new Response("", { status: 503, headers: quickRetry }) : page([], 0, 0, 50),
    );
    const crm = createTransportClient(options(api.fetch));
    await crm.GET("/api/v1/people");
    await crm.GET("/api/v1/people");
    const ids = api.apiRequests().map((request) => request.headers.get("x-correlation-id"));
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it("honours Retry-After in seconds, waiting on the client's clock", async () => {
    const clock = new SimulatedClock();
    const delays: number[] = [];
    const api = fakeApi((_request, attempt) =>
      attempt === 1 ? new Response("", { status: 503, headers: { "retry-after": "1" } }) : page([], 0, 0, 50),
    );
    const crm = createTransportClient({
      ...options(api.fetch),
      clock,
      hooks: { onRetry: (event) => delays.push(event.delayMs) },
    });
    const call = crm.GET("/api/v1/people");
    await settle();
    expect(delays).toEqual([1000]);
    await clock.advance(999);
    await settle();
    expect(api.apiRequests()).toHaveLength(1);
    await clock.advance(1);
    expect((await call).response.status).toBe(200);
    expect(api.apiRequests()).toHaveLength(2);
  });

  it("honours Retry-After as an HTTP date, read against the client's clock", async () => {
    const clock = new SimulatedClock();
    clock.time = Date.parse("2026-01-01T00:00:00Z");
    const events: RetryEvent[] = [];
    const at = new Date(clock.time + 2_000).toUTCString();
    const api = fakeApi((_request, attempt) =>
      attempt === 1 ? new Response("", { status: 503, headers: { "retry-after": at } }) : page([], 0, 0, 50),
    );
    const crm = createTransportClient({
      ...options(api.fetch),
      clock,
      hooks: { onRetry: (event) => events.push(event) },
    });
    const call = crm.GET("/api/v1/people");
    await settle();
    expect(events[0]).toMatchObject({ method: "GET", path: "/api/v1/people", attempt: 1, reason: 503, delayMs: 2_000 });
    await clock.advance(2_000);
    expect((await call).response.status).toBe(200);
  });

  it("falls back to jittered exponential backoff when Retry-After is invalid", async () => {
    const delays: number[] = [];
    const api = fakeApi((_request, attempt) =>
      attempt === 1 ? new Response("", { status: 503, headers: { "retry-after": "soon" } }) : page([], 0, 0, 50),
    );
    await createTransportClient({
      ...options(api.fetch),
      hooks: { onRetry: (event) => delays.push(event.delayMs) },
    }).GET("/api/v1/people");
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(0);
    expect(delays[0]).toBeLessThan(500);
  });

  it("does not wait out a Retry-After longer than a minute: the caller gets the RateLimitError", async () => {
    const api = fakeApi(() => new Response("", { status: 429, headers: { "retry-after": "3600" } }));
    const error = await createTransportClient(options(api.fetch))
      .people.list()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(api.apiRequests()).toHaveLength(1);
  });

  it("stops at once when the caller aborts during backoff", async () => {
    const api = fakeApi(() => new Response("", { status: 503, headers: { "retry-after": "30" } }));
    const controller = new AbortController();
    const clock = new SimulatedClock();
    const pending = createTransportClient({ ...options(api.fetch), clock }).GET("/api/v1/people", {
      signal: controller.signal,
    });
    await settle(); // the 503 is in: the client waits out its 30 s Retry-After
    await clock.advance(50);
    controller.abort(new Error("caller gave up"));
    await expect(pending).rejects.toThrow("caller gave up");
    expect(clock.now()).toBe(50); // nothing more was waited for
    expect(api.apiRequests()).toHaveLength(1);
  });

  it("times out each attempt and retries idempotent requests, then raises TimeoutError", async () => {
    const api = fakeApi(never);
    const clock = new SimulatedClock();
    const call = createTransportClient({ ...options(api.fetch), clock, timeoutMs: 20, maxRetries: 1 })
      .people.list()
      .catch((caught: unknown) => caught);
    for (let step = 0; step < 10; step++) {
      await settle();
      await clock.advance(1_000); // the attempt's 20 ms, the backoff (under 500 ms), the second attempt's 20 ms
    }
    const error = await call;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempts: 2 });
    expect(api.apiRequests()).toHaveLength(2);
  });
});
