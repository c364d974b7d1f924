import type { CrmClientOptions, FetchFunction, ResolvedConfig } from "./client-options.js";
import {
  check,
  checkMethods,
  environmentVariables,
  fail,
  integerOption,
  isBrowser,
  parseUrl,
  readProcessEnv,
  typeName,
} from "./config-checks.js";
import { documentScope, documentTokenUrl } from "./document-defaults.js";
import { isRecord } from "./is-record.js";
import type { LogLevel } from "./logging/logger.js";
import { logLevels, logMethods } from "./logging/logger.js";
import { systemClock } from "./transport/clock.js";
import { assertHeaderSafe, isHeaderSafe } from "./transport/tenant-header.js";

export type { CrmClientOptions, FetchFunction, RateLimitOptions, ResolvedConfig } from "./client-options.js";
export { integerOption } from "./config-checks.js";

/** 10 MiB: the largest body the client buffers unless told otherwise. */
export const defaultMaxResponseBytes = 10 * 1024 * 1024;

/** The API server from the OpenAPI document's `servers`. */
export const defaultBaseUrl = "https://builtin-crm.azurewebsites.net";

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
    maxResponseBytes: integerOption(
      "maxResponseBytes",
      options.maxResponseBytes,
      defaultMaxResponseBytes,
      1,
      Number.MAX_SAFE_INTEGER,
    ),
    rateLimit: resolveRateLimit(options.rateLimit),
    logger,
    logLevel,
    fetch: options.fetch ?? ((request, init) => fetchFunction(request, init)),
    hooks,
    tokenStore: checkMethods("tokenStore", options.tokenStore, ["get", "fetchOnce", "invalidate"]),
    rateLimitStore: checkMethods("rateLimitStore", options.rateLimitStore, ["acquire", "release", "pauseUntil"]),
    clock: checkMethods("clock", options.clock, ["now", "setTimeout", "clearTimeout"]) ?? systemClock,
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
