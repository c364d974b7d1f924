import type { TokenProvider } from "../auth/token-provider.js";
import type { FetchFunction } from "../client-options.js";
import type { CrmClientHooks } from "../hooks.js";
import type { LogSink } from "../logging/logger.js";
import { callSignal } from "./abort.js";
import { attemptPolicy, sendWith } from "./attempt.js";
import { authorizationPolicy } from "./authorization-policy.js";
import type { Clock } from "./clock.js";
import { correlationIdPolicy } from "./correlation-id.js";
import { type CallSettings, type CrmRequest, composePolicies } from "./pipeline.js";
import { rateLimitPolicy } from "./rate-limit-policy.js";
import type { RateLimiter } from "./rate-limiter.js";
import { type RequestSettings, resolveSettings, settingsOf } from "./request-settings.js";
import { pathOf, recordMetadata, requestIdOf } from "./response-metadata.js";
import { retryPolicy } from "./retry-policy.js";
import { scrubError, scrubResponse } from "./scrub-response.js";
import { tenantPolicy } from "./tenant-policy.js";

export interface TransportOptions {
  fetch: FetchFunction;
  clock: Clock;
  log: LogSink;
  hooks: CrmClientHooks;
  tenantCode: string;
  tokens: TokenProvider;
  apiOrigin: string;
  limiter: RateLimiter;
  /** Removes known secrets from an error body a server echoed them into. */
  scrub: (text: string) => string;
  /** The client's settings; a request's own (see request-settings.ts) override them. */
  defaults: Required<Pick<RequestSettings, "maxRetries" | "timeoutMs" | "maxResponseBytes">>;
}

/**
 * The fetch openapi-fetch calls once per logical request. It copies the request (so that
 * middleware never sees what is added below), then runs the policies in this order:
 * correlation id → tenant → retry → authorization (401 replay) → rate limit → attempt
 * (timeout, redirects, size limit) → fetch. Secrets a server echoed (in headers, in an error
 * body) are removed before anyone above sees the response.
 */
export function createTransport(options: TransportOptions) {
  const { clock, log, hooks } = options;
  const pipeline = composePolicies(
    [
      correlationIdPolicy,
      tenantPolicy(options.tenantCode),
      retryPolicy({ clock, hooks, log }),
      authorizationPolicy({ tokens: options.tokens, apiOrigin: options.apiOrigin, hooks }),
      rateLimitPolicy({ limiter: options.limiter, clock, hooks }),
      attemptPolicy(clock, log),
    ],
    sendWith(options.fetch),
  );

  return async function transport(request: Request): Promise<Response> {
    const started = clock.now();
    const settings = resolveSettings(settingsOf(request), options.defaults, clock);
    // Aborted before it began: nothing is sent, not even a token request.
    if (settings.callerSignal?.aborted) throw settings.callerSignal.reason;
    // Read once, so that every attempt sends the same bytes; most requests (GETs) have none to wait for.
    const body = request.body ? await request.arrayBuffer() : undefined;
    const signal = callSignal(clock, settings.callerSignal, settings.deadline);
    const call = copyRequest(request, body, { ...settings, signal: signal.signal });
    const outcome = (result: number | string, headers?: Headers) =>
      logOutcome(log, clock, call, result, started, headers);
    try {
      const response = await pipeline(call);
      const final = await scrubResponse(response, options.scrub);
      const { trace } = call;
      recordMetadata(final, { method: call.method, url: call.url, ...trace });
      outcome(final.status, final.headers);
      return final;
    } catch (error) {
      outcome((error as Error).name ?? "error");
      throw scrubError(error, options.scrub);
    } finally {
      signal.dispose();
    }
  };
}

/** The transport's own copy of the request, with `Accept: application/json` unless set. */
function copyRequest(request: Request, body: ArrayBuffer | undefined, settings: CallSettings): CrmRequest {
  const headers = new Headers(request.headers);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  headers.delete("authorization"); // only the authorization policy sets it
  const trace = { correlationId: "", tenantCode: undefined, attempts: 0 };
  return { method: request.method, url: request.url, headers, body, settings, attemptSignal: undefined, trace };
}

function logOutcome(
  log: LogSink,
  clock: Clock,
  call: CrmRequest,
  outcome: number | string,
  started: number,
  headers?: Headers,
): void {
  if (!log.enabled("info")) return;
  const durationMs = clock.now() - started;
  const requestId = requestIdOf(headers, call.trace.correlationId);
  const line = `${call.method} ${pathOf(call.url)} ${outcome} attempt=${call.trace.attempts} duration=${Math.round(durationMs)}ms request-id=${requestId}`;
  log.log("info", line);
}
