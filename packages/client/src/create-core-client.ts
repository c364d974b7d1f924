import type { paths } from "@engagifii/crm-types";
import { type Middleware, mergeHeaders, type ParseAs } from "openapi-fetch";
import { requestToken } from "./auth/request-token.js";
import {
  clientCredentialsProvider,
  sharedTokenCache,
  staticTokenProvider,
  type TokenProvider,
} from "./auth/token-provider.js";
import { type CrmClientOptions, integerOption, type ResolvedConfig, resolveConfig } from "./config.js";
import { createLogSink, type LogSink } from "./logging/logger.js";
import { SecretScrubber } from "./logging/redact.js";
import { createOpenApiClient } from "./openapi-fetch-interop.js";
import { createPaginateMethods, type PaginateMethods } from "./pagination/paginate-methods.js";
import { isBinary, parseBody } from "./parse-body.js";
import { RateLimiter, sharedRateLimiter } from "./transport/rate-limiter.js";
import { assertHeaderSafe, tenantHeader } from "./transport/tenant-header.js";
import { createTransport, type RequestSettings } from "./transport/transport.js";
import type { CrmMethod } from "./types.js";
import type { FetchResult } from "./unwrap.js";

/**
 * The client without the resource helpers: openapi-fetch's typed calls with auth, tenant,
 * retries, rate limiting, timeouts and pagination. `createCrmClient` adds `people`,
 * `organizations` and `committees`; import this one when you do not use them and want a bundle
 * without them.
 */
export interface CrmCoreClient extends PaginateMethods {
  GET: CrmMethod<"get">;
  POST: CrmMethod<"post">;
  PUT: CrmMethod<"put">;
  DELETE: CrmMethod<"delete">;
  PATCH: CrmMethod<"patch">;
  /** Registers openapi-fetch middleware on this client; it sees each logical request once. */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
  /** A client for another tenant that shares this one's token cache and rate limiter. */
  withTenant(tenantCode: string): CrmCoreClient;
  readonly tenantCode: string;
  readonly baseUrl: string;
}

type HttpMethod = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";

// openapi-fetch hands back the body stream untouched; the transport has already read it.
const streamInit: Record<string, unknown> = Object.freeze({ parseAs: "stream" });

/** What every client derived from one `createCrmCoreClient` call shares. */
interface SharedState {
  config: ResolvedConfig;
  scrub: (text: string) => string;
  tokens: TokenProvider;
  limiter: RateLimiter;
  log: LogSink;
}

/** Creates a core client. Options fall back to ENGAGIFII_* environment variables; bad ones throw here. */
export function createCrmCoreClient(options: CrmClientOptions = {}): CrmCoreClient {
  const config = resolveConfig(options);
  const scrubber = new SecretScrubber();
  const log = createLogSink(config.logger, config.logLevel, scrubber.scrub);
  return buildClient(
    {
      config,
      scrub: scrubber.scrub,
      tokens: createTokenProvider(config, log, scrubber),
      limiter: createLimiter(config),
      log,
    },
    config.tenantCode,
  );
}

function buildClient(shared: SharedState, tenantCode: string): CrmCoreClient {
  const { config } = shared;
  const send = createTransport({
    scrub: shared.scrub,
    ...config,
    tenantCode,
    tokens: shared.tokens,
    limiter: shared.limiter,
    log: shared.log,
  });
  const inner = createOpenApiClient<paths>({
    baseUrl: config.baseUrl,
    headers: { [tenantHeader]: tenantCode },
    fetch: (request) => send(request),
  });

  // Once a middleware with onResponse is registered, the transport hands back responses whose
  // body is still unread, so that the middleware can read it (ejecting it does not undo this).
  let responseMiddleware = false;
  const readableInit = { ...streamInit, fetch: (request: Request) => send(request, readableSettings) };

  const call = async (method: HttpMethod, path: string, init: Record<string, unknown> | undefined) => {
    let rest: Record<string, unknown> = streamInit;
    let parseAs: ParseAs = "json";
    if (init) {
      const { maxRetries, timeoutMs, idempotencyKey, idempotent, tenantCode: tenantOverride, ...others } = init;
      if (others.fetch !== undefined)
        throw new TypeError(
          "fetch cannot be set per request (it would skip the token and retries): pass it to the client",
        );
      checkPathParameters(others.params);
      if (tenantOverride !== undefined || idempotencyKey !== undefined) {
        others.headers = mergeHeaders(others.headers as Record<string, string> | undefined, {
          [tenantHeader]: checkedHeader(tenantHeader, tenantOverride),
          "idempotency-key": checkedHeader("idempotency-key", idempotencyKey),
        });
      }
      parseAs = (others.parseAs ?? "json") as ParseAs;
      const signal = others.signal as AbortSignal | null | undefined;
      const readable = responseMiddleware || hasResponseHook(others.middleware);
      const settings = requestSettings(maxRetries, timeoutMs, idempotent, signal, isBinary(parseAs), readable);
      if (settings) others.fetch = (request: Request) => send(request, settings);
      others.parseAs = "stream"; // success bodies are parsed from what the transport already read
      rest = others;
    } else if (responseMiddleware) {
      rest = readableInit;
    }
    const fetchTyped = inner[method] as (path: string, init: unknown) => Promise<FetchResult<unknown, unknown>>;
    const result = await fetchTyped(path, rest);
    if (!result.response.ok || result.data === undefined) return result;
    const data = parseBody(result.response, parseAs, shared.scrub);
    (result as { data: unknown }).data = data instanceof Promise ? await data : data;
    return result;
  };
  const method = (name: HttpMethod) =>
    ((path: string, init?: Record<string, unknown>) => call(name, path, init)) as never;

  const client: CrmCoreClient = {
    GET: method("GET"),
    POST: method("POST"),
    PUT: method("PUT"),
    DELETE: method("DELETE"),
    PATCH: method("PATCH"),
    use: (...middleware) => {
      inner.use(...middleware);
      responseMiddleware ||= hasResponseHook(middleware);
    },
    eject: (...middleware) => inner.eject(...middleware),
    ...createPaginateMethods(call),
    withTenant(code) {
      if (typeof code !== "string" || code.trim() === "")
        throw new TypeError("withTenant(tenantCode) needs a non-empty tenant code");
      assertHeaderSafe(tenantHeader, code);
      return buildClient(shared, code);
    },
    tenantCode,
    baseUrl: config.baseUrl,
  };
  return client;
}

const readableSettings: RequestSettings = { readable: true };

/** Whether any of these openapi-fetch middleware has an onResponse hook (which may read the body). */
function hasResponseHook(middleware: unknown): boolean {
  return (
    Array.isArray(middleware) &&
    middleware.some((item) => typeof (item as Partial<Middleware> | null)?.onResponse === "function")
  );
}

/** The transport settings a request's options ask for; undefined (the client's own) when none. */
function requestSettings(
  maxRetries: unknown,
  timeoutMs: unknown,
  idempotent: unknown,
  signal: AbortSignal | null | undefined,
  binary: boolean,
  readable: boolean,
): RequestSettings | undefined {
  if (
    maxRetries === undefined &&
    timeoutMs === undefined &&
    idempotent === undefined &&
    !signal &&
    !binary &&
    !readable
  )
    return undefined;
  if (idempotent !== undefined && typeof idempotent !== "boolean")
    throw new TypeError(`idempotent must be a boolean, got ${typeof idempotent}`);
  const settings: RequestSettings = { signal, binary, readable };
  if (maxRetries !== undefined) settings.maxRetries = integerOption("maxRetries", maxRetries, 0, 0, 10);
  if (timeoutMs !== undefined) settings.timeoutMs = integerOption("timeoutMs", timeoutMs, 0, 1, 600_000);
  if (idempotent !== undefined) settings.idempotent = idempotent;
  return settings;
}

/**
 * openapi-fetch percent-encodes path parameters, but "." and ".." survive encoding and the URL
 * parser resolves them, and "" drops a segment: each would reach another endpoint.
 */
function checkPathParameters(params: unknown): void {
  const path = (params as { path?: Record<string, unknown> } | undefined)?.path;
  if (!path) return;
  for (const [name, value] of Object.entries(path)) {
    if (value === undefined || value === null || value === "" || value === "." || value === "..") {
      throw new TypeError(
        `Path parameter ${name} must be a non-empty value other than "." and "..", got ${JSON.stringify(value) ?? "undefined"}`,
      );
    }
  }
}

function checkedHeader(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new TypeError(`${name} must be a string, got ${typeof value}`);
  assertHeaderSafe(name, value);
  return value;
}

function createTokenProvider(config: ResolvedConfig, log: LogSink, scrubber: SecretScrubber): TokenProvider {
  const { credentials, hooks } = config;
  if (credentials.kind === "access-token") {
    const { accessToken } = credentials;
    if (typeof accessToken === "string") {
      scrubber.add(accessToken);
      return staticTokenProvider(accessToken);
    }
    return staticTokenProvider(async () => {
      const token = await accessToken();
      scrubber.add(token);
      return token;
    });
  }
  scrubber.add(credentials.clientSecret);
  const { fetch, maxRetries, timeoutMs } = config;
  const tokenTransport = createTransport({ fetch, maxRetries, timeoutMs, log, hooks, scrub: scrubber.scrub });
  return clientCredentialsProvider(
    {
      tokenUrl: credentials.tokenUrl,
      scope: credentials.scope,
      requestToken: async () => {
        const response = await requestToken({ ...credentials, send: tokenTransport });
        scrubber.add(response.accessToken);
        return response;
      },
      onRefresh: (event) => {
        log.log(
          "debug",
          `token ${event.reason === "initial" ? "fetched" : "refreshed"} (${event.reason}), expires in ${event.expiresInSeconds} s`,
        );
        hooks.onTokenRefresh?.(event);
      },
      onBackgroundError: (error) =>
        log.log("warn", `background token refresh failed, still using the current token: ${(error as Error).message}`),
    },
    sharedTokenCache(credentials.tokenUrl, credentials.clientId, credentials.scope, credentials.clientSecret),
  );
}

function createLimiter(config: ResolvedConfig): RateLimiter {
  if (config.rateLimit === false) return new RateLimiter({ requests: Number.POSITIVE_INFINITY, intervalMs: 0 });
  return sharedRateLimiter(`${config.baseUrl}|${config.clientKey}`, config.rateLimit);
}
