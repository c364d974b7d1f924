import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { StoredToken, TokenStore } from "@engagifii/crm-client";
import { tokenKeys } from "./keys.js";
import { invalidateTokenScript, releaseLockScript } from "./lua/token-scripts.js";
import { type RedisClient, runScript } from "./redis-client.js";
import { tokenFromJson, tokenToJson } from "./stored-token-json.js";
import { untilAborted } from "./until-aborted.js";

export interface RedisTokenStoreOptions {
  prefix: string;
  /** How long one process may hold the fetch lock; a holder that dies frees it after this. */
  lockMs: number;
  /** This process's clock, for the token's remaining validity. */
  now?: (() => number) | undefined;
}

type FetchOnceOptions = Parameters<TokenStore["fetchOnce"]>[2];

/** First and longest pause between two looks at Redis while another process fetches the token. */
const firstPollMs = 20;
const longestPollMs = 250;

/**
 * A TokenStore in Redis. The token is kept as JSON under a SHA-256 of the key, expiring with the
 * token. One process at a time fetches, holding a lock (SET NX PX); the others poll for its token.
 */
export function createRedisTokenStore(redis: RedisClient, options: RedisTokenStoreOptions): TokenStore {
  const now = options.now ?? Date.now;
  // Callers in this process share one fetchOnce per key, so that only one of them polls Redis.
  const inFlight = new Map<string, Promise<StoredToken>>();

  const get = async (key: string) =>
    tokenFromJson(await redis.sendCommand(["GET", tokenKeys(options.prefix, key).token]));

  const isUsable = (token: StoredToken | undefined, { unusable, minValidityMs }: FetchOnceOptions) =>
    token !== undefined && token.accessToken !== unusable && token.expiresAt - now() >= minValidityMs;

  const fetchUnderLock = async (
    key: string,
    fetchToken: () => Promise<StoredToken>,
    fetchOptions: FetchOnceOptions,
  ): Promise<StoredToken> => {
    const keys = tokenKeys(options.prefix, key);
    for (let pollMs = firstPollMs; ; pollMs = Math.min(pollMs * 2, longestPollMs)) {
      const stored = await get(key);
      if (isUsable(stored, fetchOptions)) return stored as StoredToken;
      const lockId = randomUUID();
      const locked = await redis.sendCommand(["SET", keys.lock, lockId, "PX", String(options.lockMs), "NX"]);
      if (locked !== null && locked !== undefined) {
        try {
          // Another process may have stored a token between our look and our lock.
          const storedMeanwhile = await get(key);
          if (isUsable(storedMeanwhile, fetchOptions)) return storedMeanwhile as StoredToken;
          const fresh = await fetchToken();
          const lifetimeMs = Math.floor(fresh.expiresAt - now());
          if (lifetimeMs > 0)
            await redis.sendCommand(["SET", keys.token, tokenToJson(fresh), "PX", String(lifetimeMs)]);
          return fresh;
        } finally {
          await runScript(redis, releaseLockScript, [keys.lock], [lockId]).catch(() => undefined);
        }
      }
      await sleep(pollMs);
    }
  };

  return {
    get,
    fetchOnce(key, fetchToken, fetchOptions) {
      // The signal stops only this caller's wait: the shared fetch goes on for the others.
      const { unusable, minValidityMs } = fetchOptions;
      const sharedKey = JSON.stringify([key, unusable ?? null]);
      let shared = inFlight.get(sharedKey);
      if (!shared) {
        shared = fetchUnderLock(key, fetchToken, { unusable, minValidityMs }).finally(() => inFlight.delete(sharedKey));
        inFlight.set(sharedKey, shared);
      }
      return untilAborted(shared, fetchOptions.signal);
    },
    async invalidate(key, rejected) {
      await runScript(redis, invalidateTokenScript, [tokenKeys(options.prefix, key).token], [rejected]);
    },
  };
}
