import type { StoredToken, TokenStore } from "@engagifii/crm-client";
import { untilAborted } from "../until-aborted.js";

export interface LocalTokenStore extends TokenStore {
  /** Keeps a copy of a token read from Redis, so that losing Redis does not cost a token request. */
  remember(key: string, token: StoredToken): void;
}

/** An in-process TokenStore, for when Redis is unreachable: one fetch at a time per key. */
export function createLocalTokenStore(now: () => number = Date.now): LocalTokenStore {
  const tokens = new Map<string, StoredToken>();
  const inFlight = new Map<string, Promise<StoredToken>>();

  return {
    remember(key, token) {
      tokens.set(key, token);
    },
    async get(key) {
      return tokens.get(key);
    },
    async fetchOnce(key, fetchToken, { unusable, minValidityMs, signal }) {
      const stored = tokens.get(key);
      if (stored && stored.accessToken !== unusable && stored.expiresAt - now() >= minValidityMs) return stored;
      let shared = inFlight.get(key);
      if (!shared) {
        shared = fetchToken()
          .then((fresh) => {
            tokens.set(key, fresh);
            return fresh;
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, shared);
      }
      return untilAborted(shared, signal);
    },
    async invalidate(key, rejected) {
      if (tokens.get(key)?.accessToken === rejected) tokens.delete(key);
    },
  };
}
