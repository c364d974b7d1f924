import { documentScope, documentTokenUrl } from "./document-defaults.js";
import { ConfigurationError } from "./errors.js";
import type { CrmClientHooks } from "./hooks.js";
import { isRecord } from "./is-record.js";
import type { Logger, LogLevel } from "./logging/logger.js";
import { logLevels, logMethods } from "./logging/logger.js";
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
  /** Token endpoint. Default: the API document's (`tokenUrl` of its client-credentials flow; a path is appended to baseUrl), else `${baseUrl}/oauth/token`. Env `ENGAGIFII_TOKEN_URL`. */
  tokenUrl?: string;
  /** Space-separated scopes to request, e.g. `api:read api:write`. Default: every scope the API document declares; `""` sends none. Env `ENGAGIFII_SCOPE`. */
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
  check(typeof options === "object" && options !== null, "options", "an object", options);
  const {
    env = readProcessEnv(),
    accessToken,
    dangerouslyAllowBrowser = false,
    logger = console,
    hooks = {},
  } = options;
  check(isRecord(env), "env", "an object", env);
  const pick = (option: EnvironmentOption): string | undefined => {
    const value: unknown = options[option];
    if (value === undefined) {
      const fromEnv = env[environmentVariables[option]];
      return fromEnv === "" ? undefined : fromEnv;
    }
    check(typeof value === "string", option, "a string", value);
    return value;
  };

  const baseUrl = parseUrl("baseUrl", pick("baseUrl") ?? defaultBaseUrl).replace(/\/+$/, "");
  const apiOrigin = new URL(baseUrl).origin;

  const tenantCode = pick("tenantCode");
  if (!tenantCode?.trim()) fail("tenantCode", "is required");
  try {
    assertHeaderSafe("tenant-code", tenantCode);
  } catch (error) {
    fail("tenantCode", (error as Error).message);
  }

  check(
    accessToken === undefined || typeof accessToken === "string" || typeof accessToken === "function",
    "accessToken",
    "a string or a function returning one",
    accessToken,
  );
  if (typeof accessToken === "string") {
    if (!accessToken.trim()) fail("accessToken", "must not be empty");
    // The token itself is never quoted: it is a secret.
    if (!isHeaderSafe(accessToken))
      fail("accessToken", "must be visible ASCII, with no CR, LF or other control characters");
  }

  const clientId = pick("clientId");
  const clientSecret = pick("clientSecret");
  const tokenUrl = parseUrl("tokenUrl", pick("tokenUrl") ?? documentTokenUrl(baseUrl));
  const pickedScope = pick("scope");
  const scope = pickedScope === undefined ? documentScope() : pickedScope.trim() || undefined;
  let credentials: ResolvedConfig["credentials"];
  if (accessToken !== undefined) {
    credentials = { kind: "access-token", accessToken };
  } else {
    if (!clientId) fail("clientId", "is required (or pass accessToken)");
    if (!clientSecret) fail("clientSecret", "is required (or pass accessToken)");
    credentials = { kind: "client-credentials", clientId, clientSecret, tokenUrl, scope };
  }
  check(typeof dangerouslyAllowBrowser === "boolean", "dangerouslyAllowBrowser", "a boolean", dangerouslyAllowBrowser);
  if (clientSecret && isBrowser() && !dangerouslyAllowBrowser)
    fail(
      "dangerouslyAllowBrowser",
      "must be true to use a clientSecret in a browser, where anyone can read it; pass accessToken instead",
    );

  const logLevel = (pick("logLevel") ?? "warn") as LogLevel;
  if (!logLevels.includes(logLevel)) fail("logLevel", `must be one of ${logLevels.join(", ")}, got "${logLevel}"`);

  if (
    typeof logger !== "object" ||
    logger === null ||
    logMethods.some((method) => typeof logger[method] !== "function")
  )
    fail("logger", "must have error, warn, info and debug methods");

  const fetchFunction = options.fetch === undefined ? (globalThis.fetch as FetchFunction | undefined) : options.fetch;
  if (typeof fetchFunction !== "function")
    fail(
      "fetch",
      options.fetch === undefined
        ? "is required: this runtime has no global fetch"
        : `must be a function, got ${typeName(options.fetch)}`,
    );

  check(isRecord(hooks), "hooks", "an object", hooks);
  for (const [name, hook] of Object.entries(hooks))
    check(hook === undefined || typeof hook === "function", `hooks.${name}`, "a function", hook);

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
  check(rateLimit === undefined || isRecord(rateLimit), "rateLimit", "false or { requests, intervalMs }", rateLimit);
  return {
    requests: integerOption("rateLimit.requests", rateLimit?.requests, 1000, 1, 1_000_000_000),
    intervalMs: integerOption("rateLimit.intervalMs", rateLimit?.intervalMs, 60_000, 1, 86_400_000),
  };
}

/** Validates a whole-number option; also used for per-request overrides. */
export function integerOption(option: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    fail(
      option,
      `must be a whole number from ${min} to ${max}, got ${typeof value === "number" ? value : typeName(value)}`,
    );
  return value;
}

function parseUrl(option: "baseUrl" | "tokenUrl", value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(option, `must be an absolute URL, got "${value}"`);
  }
  const { protocol, host } = url;
  if (protocol !== "https:" && !(protocol === "http:" && isLoopback(url.hostname)))
    fail(option, `must use https (plain http only to loopback hosts), got "${protocol}//${host}"`);
  if (url.username || url.password || url.search || url.hash)
    fail(option, "must not contain credentials, a query or a fragment");
  return url.href;
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Throws a ConfigurationError naming the option and, when it has one, its environment variable. */
function fail(option: string, problem: string): never {
  throw new ConfigurationError(option, (environmentVariables as Record<string, string>)[option], problem);
}

/** Fails with "must be <expected>, got <type>" unless `ok`. Only the type is shown: the value may be a secret. */
function check(ok: boolean, option: string, expected: string, value: unknown): asserts ok {
  if (!ok) fail(option, `must be ${expected}, got ${typeName(value)}`);
}

function typeName(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

function readProcessEnv(): Record<string, string | undefined> {
  const processLike = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return processLike?.env ?? {};
}

function isBrowser(): boolean {
  const scope = globalThis as { window?: unknown; document?: unknown };
  return typeof scope.window !== "undefined" && typeof scope.document !== "undefined";
}
