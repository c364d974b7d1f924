/** An access token as a store keeps it. Never logged, never part of a key. */
export interface StoredToken {
  accessToken: string;
  /** When the token stops being valid, in epoch milliseconds. */
  expiresAt: number;
  /** The scope the token server granted, when it said. */
  scope?: string | undefined;
}

/**
 * Where the client keeps its OAuth2 token, so that clients sharing the store share one token.
 * The default is in memory, per process; `@engagifii/crm-redis` shares it across processes.
 *
 * `key` identifies the credentials (token URL, client id and scope) and never contains the
 * secret. A store that writes it anywhere should hash it.
 */
export interface TokenStore {
  /** The token stored under `key`, if any (expired or not: the caller decides). */
  get(key: string): Promise<StoredToken | undefined>;
  /**
   * Fetches a token with `fetchToken` and stores it, with at most one fetch under way per `key`
   * among everyone sharing the store: the others wait for it and get its result. When the store
   * already holds a token other than `unusable` that is valid for at least `minValidityMs`, that
   * one is returned and nothing is fetched. `signal` stops this caller's wait, never the fetch.
   */
  fetchOnce(
    key: string,
    fetchToken: () => Promise<StoredToken>,
    options: { unusable?: string | undefined; minValidityMs: number; signal?: AbortSignal | undefined },
  ): Promise<StoredToken>;
  /** Forgets the token under `key` if it is still `rejected` (the API answered 401 to it). */
  invalidate(key: string, rejected: string): Promise<void>;
}
