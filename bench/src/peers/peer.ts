/** A fetch in the widest shape: every peer calls it with a URL or a Request, and maybe an init. */
export type AnyFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface PeerSetup {
  baseUrl: string;
  /** Replaces the global fetch (the CPU case passes a stub). */
  fetch?: AnyFetch;
  /** The limit the server enforces, for a peer that can pace itself to it. */
  limit: { requests: number; intervalMs: number };
}

/**
 * Sends one `GET /api/v1/people?pageSize=10` with the bearer token and the tenant header and
 * parses the JSON body; resolves when it got a 200 page, rejects on anything else.
 */
export type SendOne = () => Promise<void>;

/** One client a user could pick, set up the way its documentation recommends. */
export interface Peer {
  name: string;
  /** What this set-up retries and how it paces itself, for the report. */
  configuration: string;
  create(setup: PeerSetup): SendOne;
}

export const token = "bench-token";
export const tenantCode = "bench";
export const pageSize = 10;

/** Every peer ends with this check, so a peer that silently got an error page cannot look fast. */
export function expectPage(status: number, body: unknown): void {
  const data = (body as { data?: unknown } | undefined)?.data;
  if (status !== 200 || !Array.isArray(data)) throw new Error(`expected a 200 page, got ${status}`);
}

/** Spreads `fetch` only when set: `exactOptionalPropertyTypes` forbids passing `undefined`. */
export function withFetch<Key extends string>(key: Key, fetch: AnyFetch | undefined): { [K in Key]?: AnyFetch } {
  return (fetch ? { [key]: fetch } : {}) as { [K in Key]?: AnyFetch };
}
