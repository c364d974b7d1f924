import { describe, expect, it } from "vitest";
import { createMemoryTokenStore, type StoredToken } from "../../src/index.js";
import { SimulatedClock } from "../simulated-clock.js";

const token = (accessToken: string, expiresAt: number): StoredToken => ({ accessToken, expiresAt });

describe("the in-memory token store", () => {
  it("runs one fetch per key for concurrent callers, and stores its result", async () => {
    const store = createMemoryTokenStore({ clock: new SimulatedClock() });
    let fetches = 0;
    let finish: (value: StoredToken) => void = () => undefined;
    const fetchToken = () => {
      fetches++;
      return new Promise<StoredToken>((resolve) => (finish = resolve));
    };
    const waiting = Array.from({ length: 5 }, () => store.fetchOnce("k", fetchToken, { minValidityMs: 1 }));
    finish(token("first-token", 60_000));
    expect((await Promise.all(waiting)).map((stored) => stored.accessToken)).toEqual(Array(5).fill("first-token"));
    expect(fetches).toBe(1);
    expect(await store.get("k")).toEqual(token("first-token", 60_000));
    expect(await store.get("other")).toBeUndefined();
  });

  it("returns a stored token valid long enough without fetching; fetches when it is unusable or expiring", async () => {
    const clock = new SimulatedClock();
    const store = createMemoryTokenStore({ clock });
    let fetches = 0;
    const fetchToken = async () => token(`token-${++fetches}`, clock.now() + 10_000);
    await store.fetchOnce("k", fetchToken, { minValidityMs: 1 });
    expect((await store.fetchOnce("k", fetchToken, { minValidityMs: 5_000 })).accessToken).toBe("token-1");
    expect((await store.fetchOnce("k", fetchToken, { unusable: "token-1", minValidityMs: 1 })).accessToken).toBe(
      "token-2",
    );
    await clock.advance(6_000);
    expect((await store.fetchOnce("k", fetchToken, { minValidityMs: 5_000 })).accessToken).toBe("token-3");
  });

  it("invalidate forgets only the rejected token; a caller's signal stops its wait, not the fetch", async () => {
    const store = createMemoryTokenStore({ clock: new SimulatedClock() });
    await store.fetchOnce("k", async () => token("current-token", 60_000), { minValidityMs: 1 });
    await store.invalidate("k", "an-older-token");
    expect((await store.get("k"))?.accessToken).toBe("current-token");
    await store.invalidate("k", "current-token");
    expect(await store.get("k")).toBeUndefined();

    let finish: (value: StoredToken) => void = () => undefined;
    const controller = new AbortController();
    const fetchToken = () => new Promise<StoredToken>((resolve) => (finish = resolve));
    const impatient = store.fetchOnce("k", fetchToken, { minValidityMs: 1, signal: controller.signal });
    const patient = store.fetchOnce("k", fetchToken, { minValidityMs: 1 });
    controller.abort(new Error("gave up"));
    await expect(impatient).rejects.toThrow("gave up");
    finish(token("shared-token", 60_000));
    expect((await patient).accessToken).toBe("shared-token");
  });

  it("a failed fetch fails its waiters and lets the next caller try again", async () => {
    const store = createMemoryTokenStore({ clock: new SimulatedClock() });
    await expect(
      store.fetchOnce("k", () => Promise.reject(new Error("token server down")), { minValidityMs: 1 }),
    ).rejects.toThrow("token server down");
    expect(
      (await store.fetchOnce("k", async () => token("later-token", 60_000), { minValidityMs: 1 })).accessToken,
    ).toBe("later-token");
  });
});
