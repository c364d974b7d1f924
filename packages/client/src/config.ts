import { ConfigurationError } from "./errors.js";
import type { CrmClientHooks } from "./hooks.js";
import { isRecord } from "./is-record.js";
import type { Logger, LogLevel } from "./logging/logger.js";
import { logLevels } from "./logging/logger.js";
import { assertHeaderSafe, isHeaderSafe } from "./transport/tenant-header.js";

/** The API server from the OpenAPI document's `servers`. */
export const defaultBaseUrl = "https://builtin-crm.azurewebsites.net";

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
  /** Token endpoint. Default `${baseUrl}/oauth/token`; an identity server's `…/connect/token` works too. Env `ENGAGIFII_TOKEN_URL`. */
  tokenUrl?: string;
  /** Space-separated scopes to request, e.g. `api:read api:write`. Default: none sent. Env `ENGAGIFII_SCOPE`. */
  scope?: string;
  /** A token you already hold (e.g. from SSO), or a function returning one; replaces the client-credentials grant. */
  accessToken?: string | (() => string | Promise<string>);
  /** Retries after the first attempt, per request. Default 2. */
  maxRetries?: number;
  /** Time limit for each attempt, in milliseconds. Default 30000. */
  timeoutMs?: number;
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
    | { kind: "access-token"; accessToken: string | (() => string | Promise<string>) };
  /** Identifies the caller for the shared rate limiter. */
  clientKey: string;
  maxRetries: number;
  timeoutMs: number;
  rateLimit: false | Required<RateLimitOptions>;
  logger: Logger;
  logLevel: LogLevel;
  fetch: FetchFunction;
  hooks: CrmClientHooks;
}

const environmentVariables = {
  baseUrl: "ENGAGIFII_BASE_URL",
  clientId: "ENGAGIFII_CLIENT_ID",
  clientSecret: "ENGAGIFII_CLIENT_SECRET",
  tenantCode: "ENGAGIFII_TENANT_CODE",
  tokenUrl: "ENGAGIFII_TOKEN_URL",
  scope: "ENGAGIFII_SCOPE",
  logLevel: "ENGAGIFII_LOG",
} as const;

type EnvironmentOption = keyof typeof environmentVariables;

/** Validates options (falling back to environment variables) and fills in defaults. Throws ConfigurationError. */
export function resolveConfig(options: CrmClientOptions = {}): ResolvedConfig {
  if (typeof options !== "object" || options === null)
    throw new ConfigurationError("options", undefined, "must be an object");
  if (options.env !== undefined && !isRecord(options.env))
    fail("env", `must be an object of variables, got ${typeName(options.env)}`);
  const env = options.env ?? readProcessEnv();
  const pick = (option: EnvironmentOption): string | undefined => {
    const value: unknown = options[option];
    if (value !== undefined) {
      if (typeof value !== "string") fail(option, `must be a string, got ${typeName(value)}`);
      return value;
    }
    const fromEnv = env[environmentVariables[option]];
    return fromEnv === "" ? undefined : fromEnv;
  };

  const baseUrl = parseUrl("baseUrl", pick("baseUrl") ?? defaultBaseUrl).replace(/\/+$/, "");
  const apiOrigin = new URL(baseUrl).origin;

  const tenantCode = pick("tenantCode");
  if (tenantCode === undefined || tenantCode.trim() === "")
    fail("tenantCode", "is required: the tenant code your administrator gave you");
  try {
    assertHeaderSafe("tenant-code", tenantCode);
  } catch (error) {
    fail("tenantCode", (error as Error).message);
  }

  const accessToken = options.accessToken;
  if (accessToken !== undefined && typeof accessToken !== "string" && typeof accessToken !== "function") {
    fail("accessToken", `must be a string or a function returning one, got ${typeName(accessToken)}`);
  }
  if (typeof accessToken === "string") {
    if (accessToken.trim() === "") fail("accessToken", "must not be empty");
    // The token itself is never quoted: it is a secret.
    if (!isHeaderSafe(accessToken))
      fail("accessToken", "must hold only visible ASCII characters (no CR, LF or other control characters)");
  }

  const clientId = pick("clientId");
  const clientSecret = pick("clientSecret");
  const tokenUrl = parseUrl("tokenUrl", pick("tokenUrl") ?? `${baseUrl}/oauth/token`);
  const scope = pick("scope")?.trim() || undefined;
  let credentials: ResolvedConfig["credentials"];
  if (accessToken !== undefined) {
    credentials = { kind: "access-token", accessToken };
  } else {
    if (!clientId) fail("clientId", "is required (or pass accessToken)");
    if (!clientSecret) fail("clientSecret", "is required (or pass accessToken)");
    credentials = { kind: "client-credentials", clientId, clientSecret, tokenUrl, scope };
  }
  if (options.dangerouslyAllowBrowser !== undefined && typeof options.dangerouslyAllowBrowser !== "boolean") {
    fail("dangerouslyAllowBrowser", `must be a boolean, got ${typeName(options.dangerouslyAllowBrowser)}`);
  }
  if (clientSecret && isBrowser() && options.dangerouslyAllowBrowser !== true) {
    throw new ConfigurationError(
      "dangerouslyAllowBrowser",
      undefined,
      "must be true to use a clientSecret in a browser, where every visitor can read it; get tokens on a server and pass accessToken instead",
    );
  }

  const logLevel = (pick("logLevel") ?? "warn") as LogLevel;
  if (!logLevels.includes(logLevel)) fail("logLevel", `must be one of ${logLevels.join(", ")}, got "${logLevel}"`);

  const logger = options.logger === undefined ? console : options.logger;
  if (
    typeof logger !== "object" ||
    logger === null ||
    (["error", "warn", "info", "debug"] as const).some((level) => typeof logger[level] !== "function")
  ) {
    throw new ConfigurationError(
      "logger",
      undefined,
      "must have error, warn, info and debug methods (console and pino do)",
    );
  }

  const fetchFunction = options.fetch === undefined ? (globalThis.fetch as FetchFunction | undefined) : options.fetch;
  if (typeof fetchFunction !== "function") {
    throw new ConfigurationError(
      "fetch",
      undefined,
      "must be a function; this runtime has no global fetch, so pass one",
    );
  }

  const hooks = options.hooks === undefined ? {} : options.hooks;
  if (!isRecord(hooks)) throw new ConfigurationError("hooks", undefined, "must be an object");
  for (const [name, hook] of Object.entries(hooks)) {
    if (hook !== undefined && typeof hook !== "function")
      throw new ConfigurationError(`hooks.${name}`, undefined, "must be a function");
  }

  return {
    baseUrl,
    apiOrigin,
    tenantCode,
    credentials,
    clientKey: credentials.kind === "client-credentials" ? credentials.clientId : "access-token",
    maxRetries: integerOption("maxRetries", options.maxRetries, 2, 0, 10),
    timeoutMs: integerOption("timeoutMs", options.timeoutMs, 30_000, 1, 600_000),
    rateLimit: resolveRateLimit(options.rateLimit),
    logger,
    logLevel,
    fetch: options.fetch ?? ((request, init) => fetchFunction(request, init)),
    hooks,
  };
}

function resolveRateLimit(rateLimit: CrmClientOptions["rateLimit"]): ResolvedConfig["rateLimit"] {
  if (rateLimit === false) return false;
  if (rateLimit !== undefined && !isRecord(rateLimit)) {
    throw new ConfigurationError(
      "rateLimit",
      undefined,
      `must be false or { requests, intervalMs }, got ${typeName(rateLimit)}`,
    );
  }
  return {
    requests: integerOption("rateLimit.requests", rateLimit?.requests, 1000, 1, 1_000_000_000),
    intervalMs: integerOption("rateLimit.intervalMs", rateLimit?.intervalMs, 60_000, 1, 86_400_000),
  };
}

/** Validates a whole-number option; also used for per-request overrides. */
export function integerOption(option: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigurationError(
      option,
      undefined,
      `must be a whole number from ${min} to ${max}, got ${describeValue(value)}`,
    );
  }
  return value;
}

function parseUrl(option: "baseUrl" | "tokenUrl", value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(option, `must be an absolute URL, got "${value}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") fail(option, `must use https, got "${url.protocol}"`);
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    fail(option, `must use https: plain http is only allowed to loopback hosts, got "${url.host}"`);
  }
  if (url.username || url.password) fail(option, "must not contain credentials");
  if (url.search || url.hash) fail(option, "must not contain a query or a fragment");
  return url.href;
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function fail(option: string, problem: string): never {
  const environmentVariable = (environmentVariables as Record<string, string>)[option];
  throw new ConfigurationError(option, environmentVariable, problem);
}

function typeName(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

function describeValue(value: unknown): string {
  return typeof value === "number" ? String(value) : typeName(value);
}

function readProcessEnv(): Record<string, string | undefined> {
  const processLike = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return processLike?.env ?? {};
}

function isBrowser(): boolean {
  const scope = globalThis as { window?: unknown; document?: unknown };
  return typeof scope.window !== "undefined" && typeof scope.document !== "undefined";
}
