import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import type { TokenStore } from "../../src/index.js";
import { processTokenStore } from "../../src/stores/process-defaults.js";
import { fakeApi, options, tokenResponse } from "../fake-api.js";
import { createTransportClient } from "../fixtures/transport-client.js";
import { SimulatedClock, settle } from "../simulated-clock.js";

const ok = () => Response.json({ data: [], totalCount: 0, pageIndex: 0, pageSize: 50 });

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Collects what nothing holds; after the current job, as a WeakRef keeps its target until then. */
async function collectGarbage(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  await new Promise((resolve) => setImmediate(resolve));
}

/** The default store for `secret`, given a token that expires at `expiresAt`; what it returns does not hold the store. */
async function usedStore(clock: SimulatedClock, secret: string, expiresAt: number): Promise<WeakRef<TokenStore>> {
  const store = processTokenStore(clock, secret);
  const token = async () => ({ accessToken: `token-for-${secret}`, expiresAt });
  await store.fetchOnce("credentials", token, { minValidityMs: 1 });
  return new WeakRef(store);
}

describe("the process's default token stores, one per client secret", () => {
  it("are shared by the clients of one secret, and kept apart for another", () => {
    const clock = new SimulatedClock();
    expect(processTokenStore(clock, "secret-a")).toBe(processTokenStore(clock, "secret-a"));
    expect(processTokenStore(clock, "secret-a")).not.toBe(processTokenStore(clock, "secret-b"));
  });

  it("keep a store no client holds while its token is valid, so that the next client finds the token", async () => {
    const clock = new SimulatedClock();
    const store = await usedStore(clock, "secret-a", 3_600_000);
    processTokenStore(clock, "secret-b");
    await collectGarbage();
    expect(store.deref()).toBe(processTokenStore(clock, "secret-a"));
  });

  it("keep a store a client holds, its token expired or not", async () => {
    const clock = new SimulatedClock();
    const store = processTokenStore(clock, "secret-a");
    await store.fetchOnce("credentials", async () => ({ accessToken: "token", expiresAt: 1000 }), { minValidityMs: 1 });
    await clock.advance(2000);
    processTokenStore(clock, "secret-b");
    await collectGarbage();
    expect(processTokenStore(clock, "secret-a")).toBe(store);
  });

  it("keep two live clients with the same credentials on one token fetch after their token expired and a GC", async () => {
    let answerToken: () => void = () => undefined;
    const api = fakeApi(ok, async (_request, attempt) => {
      if (attempt === 2) await new Promise<void>((resolve) => (answerToken = resolve));
      return tokenResponse(1);
    });
    const clock = new SimulatedClock();
    const settings = { ...options(api.fetch), clock, clientSecret: "the-shared-secret" };
    const first = createTransportClient(settings);
    await first.GET("/api/v1/people");
    await clock.advance(2000); // the 1 s token has expired
    createTransportClient({ ...settings, clientSecret: "another-secret" }); // a new store: the others are swept
    await collectGarbage();
    const second = createTransportClient(settings);
    const calls = Promise.all([first.GET("/api/v1/people"), second.GET("/api/v1/people")]);
    await settle();
    answerToken();
    await calls;
    expect(api.tokenRequests()).toHaveLength(2);
  });

  it("let go of the stores of 1,000 rotated secrets once no client holds them and their tokens expired", async () => {
    const clock = new SimulatedClock();
    const stores: WeakRef<TokenStore>[] = [];
    for (let secret = 0; secret < 1000; secret++) {
      stores.push(await usedStore(clock, `rotated-secret-${secret}`, clock.now() + 1000));
      await clock.advance(1000);
    }
    processTokenStore(clock, "the current secret");
    await collectGarbage();
    expect(stores.filter((store) => store.deref() !== undefined)).toHaveLength(0);
  });
});
