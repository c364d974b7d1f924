import { untilAborted } from "../transport/abort.js";
import { systemClock } from "../transport/clock.js";
import type { MemoryStoreOptions } from "./memory-rate-limit-store.js";
import type { StoredToken, TokenStore } from "./token-store.js";

/**
 * Tokens in this process's memory: the default store. One fetch at a time per key; the others
 * wait for it. A caller's signal stops its own wait, never the fetch the others share.
 */
export function createMemoryTokenStore(options: MemoryStoreOptions = {}): TokenStore {
  const clock = options.clock ?? systemClock;
  const tokens = new Map<string, StoredToken>();
  const fetching = new Map<string, Promise<StoredToken>>();

  return {
    async get(key) {
      return tokens.get(key);
    },

    fetchOnce(key, fetchToken, { unusable, minValidityMs, signal }) {
      const stored = tokens.get(key);
      if (stored && stored.accessToken !== unusable && stored.expiresAt - clock.now() >= minValidityMs)
        return Promise.resolve(stored);
      let pending = fetching.get(key);
      if (!pending) {
        pending = fetchToken()
          .then((token) => {
            tokens.set(key, token);
            return token;
          })
          .finally(() => fetching.delete(key));
        fetching.set(key, pending);
      }
      return untilAborted(pending, signal);
    },

    async invalidate(key, rejected) {
      if (tokens.get(key)?.accessToken === rejected) tokens.delete(key);
    },
  };
}
