import { createHash } from "node:crypto";

/**
 * The Redis keys for one store key. The store key (the client's: API origin and client id) is
 * hashed with SHA-256: keys stay short and name no credential. The `{hash}` braces are a Redis
 * Cluster hash tag, so that every key one script touches lives on the same shard.
 */
function tagged(prefix: string, kind: string, key: string): string {
  return `${prefix}:${kind}:{${createHash("sha256").update(key).digest("hex")}}`;
}

export interface RateLimitKeys {
  /** ZSET: slot id → when the slot stops counting (ms). */
  slots: string;
  /** String: until when every acquire waits (ms), set by a 429. */
  pause: string;
  /** ZSET: waiting store instance → when it began waiting, for first-come first-served. */
  queue: string;
  /** ZSET: waiting store instance → when it is forgotten if it does not ask again. */
  queueDeadlines: string;
}

export function rateLimitKeys(prefix: string, key: string): RateLimitKeys {
  const base = tagged(prefix, "rate", key);
  return {
    slots: `${base}:slots`,
    pause: `${base}:pause`,
    queue: `${base}:queue`,
    queueDeadlines: `${base}:deadlines`,
  };
}

export interface TokenKeys {
  /** String: the StoredToken as JSON, expiring with the token. */
  token: string;
  /** String: a random lock id, held while one process fetches a token. */
  lock: string;
}

export function tokenKeys(prefix: string, key: string): TokenKeys {
  const base = tagged(prefix, "token", key);
  return { token: base, lock: `${base}:lock` };
}
