import { describe, expect, it } from "vitest";
import {
  createMemoryRateLimitStore,
  RateLimitError,
  type RateLimitStore,
  type StoredToken,
  type TokenStore,
} from "../../src/index.js";
import { clientSecret, fakeApi, options, page } from "../fake-api.js";
import { createTransportClient } from "../fixtures/transport-client.js";
import { SimulatedClock, settle } from "../simulated-clock.js";

/** A store object of its own over a shared one, as another process's client would see a Redis store. */
function anotherProcess(shared: RateLimitStore, calls: string[] = []): RateLimitStore {
  return {
    acquire: (key, limit) => {
      calls.push(`acquire ${key}`);
      return shared.acquire(key, limit);
    },
    release: (key, slot, limit) => shared.release(key, slot, limit),
    pauseUntil: (key, until) => {
      calls.push(`pauseUntil ${until}`);
      return shared.pauseUntil(key, until);
    },
  };
}

/** What `call` ended with once all that takes no clock time has run: "still waiting" if it has not ended. */
async function endedAtOnce(call: Promise<unknown>): Promise<unknown> {
  let ended: unknown = "still waiting";
  call.then(
    (value) => (ended = value),
    (error: unknown) => (ended = error),
  );
  await settle();
  return ended;
}

describe("clients on an injected rate-limit store", () => {
  it("two clients (as two processes) sharing one store take turns in one window", async () => {
    const clock = new SimulatedClock();
    const shared = createMemoryRateLimitStore({ clock });
    const api = fakeApi(() => page([], 0, 0, 50));
    const settings = { ...options(api.fetch), clock, rateLimit: { requests: 2, intervalMs: 1000 } };
    const calls: string[] = [];
    const one = createTransportClient({ ...settings, rateLimitStore: anotherProcess(shared, calls) });
    const two = createTransportClient({ ...settings, rateLimitStore: anotherProcess(shared) });
    const all = Promise.all([one, two, one, two].map((client) => client.GET("/api/v1/people")));
    await settle();
    expect(api.apiRequests()).toHaveLength(2);
    await clock.advance(999);
    await settle();
    expect(api.apiRequests()).toHaveLength(2);
    await clock.advance(1);
    await settle();
    expect(api.apiRequests()).toHaveLength(4);
    await all;
    // The key is the API origin and the client id.
    expect(calls[0]).toBe(`acquire ${JSON.stringify(["https://crm.example.test", settings.clientId])}`);
  });

  it("a 429's Retry-After pauses the key in the store, for every process", async () => {
    const clock = new SimulatedClock();
    const calls: string[] = [];
    const api = fakeApi((_request, attempt) =>
      attempt === 1 ? new Response("", { status: 429, headers: { "retry-after": "3" } }) : page([], 0, 0, 50),
    );
    const crm = createTransportClient({
      ...options(api.fetch),
      clock,
      maxRetries: 0,
      rateLimit: { requests: 100 },
      rateLimitStore: anotherProcess(createMemoryRateLimitStore({ clock }), calls),
    });
    await crm.GET("/api/v1/people");
    expect(calls).toContain("pauseUntil 3000");
  });

  describe("a request whose deadline comes before the limiter lets it go fails at once with a RateLimitError", () => {
    const key = (clientId: string) => JSON.stringify(["https://crm.example.test", clientId]);

    it("when another process's 429 paused the shared store", async () => {
      const clock = new SimulatedClock();
      const shared = createMemoryRateLimitStore({ clock });
      const api = fakeApi(() => page([], 0, 0, 50));
      const settings = { ...options(api.fetch), clock, rateLimit: { requests: 100 }, rateLimitStore: shared };
      await shared.pauseUntil(key(settings.clientId), 30_000); // another worker got a 429 with Retry-After: 30
      const crm = createTransportClient(settings);
      const error = await endedAtOnce(crm.GET("/api/v1/people", { timeoutMs: 5_000 }));
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).message).toMatch(/not sent.* 30 s.* 5 s left before its timeoutMs/);
      expect((error as RateLimitError).retryAfterMs).toBe(30_000);
      expect(api.apiRequests()).toHaveLength(0);
      // A request that can wait that long does, and is sent when the pause is over.
      const patient = crm.GET("/api/v1/people", { timeoutMs: 31_000 });
      await clock.advance(30_000);
      expect((await patient).response.status).toBe(200);
    });

    it("when the shared window is full until after the deadline", async () => {
      const clock = new SimulatedClock();
      const shared = createMemoryRateLimitStore({ clock });
      const api = fakeApi(() => page([], 0, 0, 50));
      const settings = { ...options(api.fetch), clock, rateLimit: { requests: 1, intervalMs: 60_000 } };
      await createTransportClient({ ...settings, rateLimitStore: anotherProcess(shared) }).GET("/api/v1/people");
      const crm = createTransportClient({ ...settings, rateLimitStore: shared });
      const error = await endedAtOnce(crm.GET("/api/v1/people", { timeoutMs: 5_000 }));
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).message).toMatch(/ 60 s.* 5 s left before its timeoutMs/);
      expect(api.apiRequests()).toHaveLength(1);
    });
  });
});

describe("clients on an injected token store", () => {
  const stored: StoredToken = { accessToken: "token-from-the-store-0123456789", expiresAt: 3_600_000 };

  /** A store that already holds a token, fetched by another process, and records the keys it is asked for. */
  function filledStore(keys: string[]): TokenStore {
    return {
      get: async (key) => {
        keys.push(key);
        return stored;
      },
      fetchOnce: async () => {
        throw new Error("no token request expected");
      },
      invalidate: async () => undefined,
    };
  }

  it("uses a token in the store without a token request; the key never holds the secret", async () => {
    const keys: string[] = [];
    const api = fakeApi(() => page([], 0, 0, 50));
    const settings = { ...options(api.fetch), clock: new SimulatedClock(), scope: "api:read" };
    await createTransportClient({ ...settings, tokenStore: filledStore(keys) }).GET("/api/v1/people");
    expect(api.tokenRequests()).toHaveLength(0);
    expect(api.apiRequests()[0]?.headers.get("authorization")).toBe(`Bearer ${stored.accessToken}`);
    expect(keys[0]).toBe(JSON.stringify([settings.tokenUrl, settings.clientId, "api:read"]));
    expect(keys.join()).not.toContain(clientSecret);
  });

  it("a client that never fetched the shared token still scrubs it from error bodies", async () => {
    const api = fakeApi(() => Response.json({ message: `bad token ${stored.accessToken}` }, { status: 400 }));
    const crm = createTransportClient({
      ...options(api.fetch),
      clock: new SimulatedClock(),
      tokenStore: filledStore([]),
    });
    const { error } = await crm.GET("/api/v1/people");
    expect(JSON.stringify(error)).not.toContain(stored.accessToken);
    expect(JSON.stringify(error)).toContain("[redacted]");
  });
});
