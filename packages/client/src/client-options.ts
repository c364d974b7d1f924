import type { AccessTokenFunction } from "./auth/token-provider.js";
import type { CrmClientHooks } from "./hooks.js";
import type { Logger, LogLevel } from "./logging/logger.js";
import type { RateLimitStore } from "./stores/rate-limit-store.js";
import type { TokenStore } from "./stores/token-store.js";
import type { Clock } from "./transport/clock.js";

/**
 * How the client calls the network: the global `fetch` unless one is injected. It gets a Request
 * and, in `init.signal`, the attempt's signal, which aborts on time out and on the caller's abort.
 */
export type FetchFunction = (request: Request, init?: { signal?: AbortSignal }) => Promise<Response>;

/** The proactive client-side limit. The API documents 1,000 requests per minute. */
export interface RateLimitOptions {
  /** Requests allowed per interval. Default 1000. */
  requests?: number;
  /** The sliding window, in milliseconds. Default 60000. */
  intervalMs?: number;
}

export interface CrmClientOptions {
  /** API origin and base path. Default `https://builtin-crm.azurewebsites.net`. Env `ENGAGIFII_BASE_URL`. */
  baseUrl?: string;
  /** OAuth2 client id for the client-credentials grant. Env `ENGAGIFII_CLIENT_ID`. */
  clientId?: string;
  /** OAuth2 client secret; sent only to `tokenUrl`. Env `ENGAGIFII_CLIENT_SECRET`. */
  clientSecret?: string;
  /** Sent as the `tenant-code` header on every API request. Required. Env `ENGAGIFII_TENANT_CODE`. */
  tenantCode?: string;
  /** Token endpoint. Default: the API document's (`tokenUrl` of its client-credentials flow; a path is appended to baseUrl), else `${baseUrl}/oauth/token`. Env `ENGAGIFII_TOKEN_URL`. */
  tokenUrl?: string;
  /** Space-separated scopes to request, e.g. `api:read api:write`. Default: every scope the API document declares; `""` sends none. Env `ENGAGIFII_SCOPE`. */
  scope?: string;
  /** A token you already hold (e.g. from SSO), or a function returning one; replaces the client-credentials grant. */
  accessToken?: string | AccessTokenFunction;
  /** Retries after the first attempt, per request. Default 2. */
  maxRetries?: number;
  /** Time limit for each attempt, in milliseconds. Default 30000. (Per request, `timeoutMs` bounds the whole call.) */
  timeoutMs?: number;
  /** Largest response body the client reads into memory, in decoded bytes. Default 10 MiB; per request too. `parseAs: "stream"` is not limited. */
  maxResponseBytes?: number;
  /** Client-side rate limit, shared per (baseUrl, clientId); `false` disables it. Default 1000 requests/60 s. */
  rateLimit?: false | RateLimitOptions;
  /** Where log lines go. Default `console`. */
  logger?: Logger;
  /** `off`, `error`, `warn`, `info` (one line per request) or `debug`. Default `warn`. Env `ENGAGIFII_LOG`. */
  logLevel?: LogLevel;
  /** The fetch implementation. Default `globalThis.fetch`. */
  fetch?: FetchFunction;
  /** Callbacks for retries, rate-limit waits and token refreshes. */
  hooks?: CrmClientHooks;
  /** Allow a `clientSecret` in a browser, where anyone can read it. Default false. */
  dangerouslyAllowBrowser?: boolean;
  /** Environment variables to read. Default `process.env` where it exists. */
  env?: Record<string, string | undefined>;
  /** Where OAuth2 tokens are kept. Default: in memory, shared by this process's clients with the same credentials. */
  tokenStore?: TokenStore;
  /** The rate limiter's window, keyed by API origin and client id. Default: in memory, shared per process. */
  rateLimitStore?: RateLimitStore;
  /** Where time comes from: token expiry, backoff and the limiter (tests inject a simulated one). Default: the system clock. */
  clock?: Clock;
}

export interface ResolvedConfig {
  baseUrl: string;
  /** `scheme://host[:port]` of baseUrl: the only origin that receives the access token. */
  apiOrigin: string;
  tenantCode: string;
  credentials:
    | {
        kind: "client-credentials";
        clientId: string;
        clientSecret: string;
        tokenUrl: string;
        scope: string | undefined;
      }
    | { kind: "access-token"; accessToken: string | AccessTokenFunction };
  /** Identifies the caller for the shared rate limiter. */
  clientKey: string;
  maxRetries: number;
  timeoutMs: number;
  maxResponseBytes: number;
  rateLimit: false | Required<RateLimitOptions>;
  logger: Logger;
  logLevel: LogLevel;
  fetch: FetchFunction;
  hooks: CrmClientHooks;
  /** The store the client was given, or undefined for the process's in-memory default. */
  tokenStore: TokenStore | undefined;
  rateLimitStore: RateLimitStore | undefined;
  clock: Clock;
}
