import type { paths } from "@engagifii/crm-types";
import type { Middleware } from "openapi-fetch";
import { createTokenProvider } from "./auth/create-token-provider.js";
import type { CrmClientOptions } from "./config.js";
import { resolveConfig } from "./config.js";
import { createLimiter } from "./create-limiter.js";
import { createLogSink } from "./logging/logger.js";
import { SecretScrubber } from "./logging/redact.js";
import { clientMiddleware } from "./middleware.js";
import { createOpenApiClient } from "./openapi-fetch-interop.js";
import { createPaginateMethods, type PaginateMethods } from "./pagination/paginate-methods.js";
import { decodeJson } from "./parse-body.js";
import { splitRequestOptions } from "./request-options.js";
import { createTransport, type TransportOptions } from "./transport/create-transport.js";
import { settingsKey } from "./transport/request-settings.js";
import { assertHeaderSafe, tenantHeader } from "./transport/tenant-header.js";
import type { CrmMethod } from "./types.js";
import type { FetchResult } from "./unwrap.js";

/**
 * The client without the resource helpers: openapi-fetch's typed calls with auth, tenant,
 * retries, rate limiting, timeouts and pagination. `createCrmClient` adds `people`,
 * `organizations` and `committees`; import this one when you do not use them and want a bundle
 * without them. `Paths` is the document's `paths` (of @engagifii/crm-types); another document's
 * generated `paths` types the calls for that document (the client's own tests use a fixture's).
 */
export interface CrmCoreClient<Paths extends {} = paths> extends PaginateMethods {
  GET: CrmMethod<"get", Paths>;
  POST: CrmMethod<"post", Paths>;
  PUT: CrmMethod<"put", Paths>;
  DELETE: CrmMethod<"delete", Paths>;
  PATCH: CrmMethod<"patch", Paths>;
  /** Registers openapi-fetch middleware on this client; it sees each logical request once, never its Authorization. */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
  /** A client for another tenant that shares this one's token cache and rate limiter. */
  withTenant(tenantCode: string): CrmCoreClient<Paths>;
  readonly tenantCode: string;
  readonly baseUrl: string;
}

type HttpMethod = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";

/** What every client derived from one `createCrmCoreClient` call shares; each tenant adds its own. */
type SharedTransportOptions = Omit<TransportOptions, "tenantCode">;

/** Creates a core client. Options fall back to ENGAGIFII_* environment variables; bad ones throw here. */
export function createCrmCoreClient<Paths extends {} = paths>(options: CrmClientOptions = {}): CrmCoreClient<Paths> {
  const config = resolveConfig(options);
  const scrubber = new SecretScrubber();
  const log = createLogSink(config.logger, config.logLevel, scrubber.scrub);
  const { fetch, clock, hooks, apiOrigin, maxRetries, timeoutMs, maxResponseBytes } = config;
  const shared: SharedTransportOptions = {
    fetch,
    clock,
    log,
    hooks,
    apiOrigin,
    scrub: scrubber.scrub,
    tokens: createTokenProvider(config, log, scrubber),
    limiter: createLimiter(config),
    defaults: { maxRetries, timeoutMs, maxResponseBytes },
  };
  // The calls are untyped at runtime (path and init go through as they are): `Paths` only types them.
  return buildClient(shared, config.baseUrl, config.tenantCode) as unknown as CrmCoreClient<Paths>;
}

function buildClient(shared: SharedTransportOptions, baseUrl: string, tenantCode: string): CrmCoreClient {
  const transport = createTransport({ ...shared, tenantCode });
  const inner = createOpenApiClient<paths>({ baseUrl, fetch: transport });

  const call = async (method: HttpMethod, path: string, init: Record<string, unknown> = {}) => {
    const { rest, settings } = splitRequestOptions(init);
    const parseAs = rest.parseAs ?? "json";
    // JSON is read as text by openapi-fetch and decoded here, for a typed error when it is not JSON.
    rest.parseAs = parseAs === "json" ? "text" : parseAs;
    rest[settingsKey] = settings;
    const fetchTyped = inner[method] as (path: string, init: unknown) => Promise<FetchResult<unknown, unknown>>;
    const result = await fetchTyped(path, rest);
    if (parseAs === "json" && result.response.ok && typeof result.data === "string")
      (result as { data: unknown }).data = decodeJson(result.data, result.response, shared.scrub);
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
    use: (...middleware) => inner.use(...middleware.map(clientMiddleware)),
    eject: (...middleware) => inner.eject(...middleware.map(clientMiddleware)),
    ...createPaginateMethods(call),
    withTenant(code) {
      if (typeof code !== "string" || code.trim() === "")
        throw new TypeError("withTenant(tenantCode) needs a non-empty tenant code");
      assertHeaderSafe(tenantHeader, code);
      return buildClient(shared, baseUrl, code);
    },
    tenantCode,
    baseUrl,
  };
  return client;
}
