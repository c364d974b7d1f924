import { describe, expect, it } from "vitest";
import { createMemoryRateLimitStore, type RateLimitStore, type StoredToken, type TokenStore } from "../../src/index.js";
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
