import type { Clock } from "../transport/clock.js";
import { createMemoryTokenStore } from "./memory-token-store.js";
import type { StoredToken, TokenStore } from "./token-store.js";

interface Entry {
  /** The store, for as long as a client holds it. */
  store: WeakRef<TokenStore>;
  /** The store again, held until its last token expires, so that a client created later finds that token. */
  kept: TokenStore | undefined;
  keptUntil: number;
}

/**
 * In-memory token stores, one per client secret, each shared by the clients with that secret.
 * A store lives while a client holds it or a token in it is valid, then goes: a process that
 * rotates secrets, or creates clients for many credentials, keeps only the stores in use.
 */
export class TokenStoresBySecret {
  readonly #clock: Clock;
  // Keyed by the secret itself, in memory only (the client's own options hold it too); never part of a TokenStore key.
  readonly #entries = new Map<string, Entry>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  storeFor(clientSecret: string): TokenStore {
    const found = this.#entries.get(clientSecret)?.store.deref();
    if (found) return found;
    // Only a new store makes the map grow, so that is when the stores nobody needs go.
    this.#sweep();
    const store = reportingTokens(createMemoryTokenStore({ clock: this.#clock }), (token) => {
      entry.kept = store;
      entry.keptUntil = Math.max(entry.keptUntil, token.expiresAt);
    });
    const entry: Entry = { store: new WeakRef(store), kept: undefined, keptUntil: 0 };
    this.#entries.set(clientSecret, entry);
    return store;
  }

  /** Stops holding the stores whose tokens have expired, and forgets those no client holds any more. */
  #sweep(): void {
    const now = this.#clock.now();
    for (const [secret, entry] of this.#entries) {
      if (entry.keptUntil <= now) entry.kept = undefined;
      if (entry.store.deref() === undefined) this.#entries.delete(secret);
    }
  }
}

/** `store`, calling `onToken` with each token it fetches. */
function reportingTokens(store: TokenStore, onToken: (token: StoredToken) => void): TokenStore {
  return {
    get: (key) => store.get(key),
    fetchOnce: (key, fetchToken, options) =>
      store.fetchOnce(
        key,
        async () => {
          const token = await fetchToken();
          onToken(token);
          return token;
        },
        options,
      ),
    invalidate: (key, rejected) => store.invalidate(key, rejected),
  };
}
