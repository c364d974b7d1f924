import type { TokenProvider } from "../auth/token-provider.js";
import type { FetchFunction } from "../config.js";
import { AuthenticationError, ConnectionError, TimeoutError } from "../errors.js";
import type { CrmClientHooks, RetryEvent } from "../hooks.js";
import type { LogSink } from "../logging/logger.js";
import { redactHeaders } from "../logging/redact.js";
import { AttemptTimeout, sleep } from "./abort.js";
import { type AttemptState, exchange } from "./attempt.js";
import { backoffDelay } from "./backoff.js";
import { applyCorrelationId } from "./correlation-id.js";
import type { RateLimiter } from "./rate-limiter.js";
import { pathOf, recordMetadata, requestIdOf } from "./response-metadata.js";
import { readRetryAfterMs } from "./retry-after.js";
import { isIdempotent, retryableStatuses, shouldRetryStatus, wasNeverSent } from "./retry-policy.js";
import { applyTenant, isHeaderSafe } from "./tenant-header.js";

/** Per-request settings that override the client's. */
export interface RequestSettings {
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** Time limit for each attempt, in milliseconds. */
  timeoutMs?: number;
  /** Mark a POST or PATCH as safe to send again (it is when it carries an Idempotency-Key). */
  idempotent?: boolean;
  /** The caller's own signal, if any (the request's is openapi-fetch's). */
  signal?: AbortSignal | null | undefined;
  /** Read the body as bytes rather than text (for `parseAs` arrayBuffer, blob or stream). */
  binary?: boolean;
  /** Hand back a success whose body is still unread, for middleware with onResponse to read. */
  readable?: boolean;
}

export interface TransportOptions {
  fetch: FetchFunction;
  maxRetries: number;
  timeoutMs: number;
  log: LogSink;
  hooks: CrmClientHooks;
  /** Sent as `tenant-code` unless the request sets it; none for the token endpoint. */
  tenantCode?: string;
  /** Bearer tokens for requests to `apiOrigin`; none for the token endpoint itself. */
  tokens?: TokenProvider;
  apiOrigin?: string;
  /** Waited on before every attempt, and paused by a 429. */
  limiter?: RateLimiter;
  /** Removes known secrets from an error body a server echoed them into. */
  scrub?: (text: string) => string;
}

// A Retry-After longer than this is not waited out: the caller gets the 429 and decides.
const maxRetryAfterMs = 60_000;

/**
 * The fetch that openapi-fetch calls once per logical request (the token request uses it too).
 * It sets the tenant and the correlation id, then runs the attempts: rate limit, bearer token,
 * fetch with a timeout, and a retry or a 401 replay when the outcome allows. It reads the whole
 * body inside the attempt, so that a stalled or broken body counts as a failed attempt instead
 * of hanging the caller.
 */
export function createTransport(options: TransportOptions) {
  const { fetch, tokens, limiter, log, hooks } = options;
  const apiPrefix = tokens && options.apiOrigin ? `${options.apiOrigin}/` : undefined;
  let checkedToken: string | undefined;

  return async function send(request: Request, settings?: RequestSettings): Promise<Response> {
    const callerSignal = settings?.signal;
    const started = log.enabled("info") ? Date.now() : 0;
    const headers = request.headers;
    const tenantCode = options.tenantCode === undefined ? undefined : applyTenant(headers, options.tenantCode);
    const correlationId = applyCorrelationId(headers);
    const method = request.method;
    const maxRetries = settings?.maxRetries ?? options.maxRetries;
    const timeoutMs = settings?.timeoutMs ?? options.timeoutMs;
    const idempotent = isIdempotent(method, headers, settings?.idempotent);
    const url = request.url;
    const sendsToken = apiPrefix !== undefined && url.startsWith(apiPrefix);
    // Read once, so that every attempt sends the same bytes. A Blob, unlike an ArrayBuffer, can be
    // sent again when fetch follows a 307/308 redirect.
    const body = request.body ? new Blob([await request.arrayBuffer()]) : undefined;

    const binary = settings?.binary === true;
    const readable = settings?.readable === true;
    const state: AttemptState = { answered: false, signal: undefined, body: "" };
    let retries = 0;
    let replayedUnauthorized = false;
    for (let attempt = 1; ; attempt++) {
      let token: string | undefined;
      if (sendsToken && tokens) {
        token = await tokens.token(callerSignal);
        if (token !== checkedToken) {
          // Never let Headers#set reject a token: its TypeError would quote it.
          if (!isHeaderSafe(token)) {
            const context = { method, path: pathOf(url), tenantCode, requestId: correlationId, attempts: attempt };
            const problem =
              "The access token holds characters a header cannot carry (CR, LF or other control characters)";
            throw new AuthenticationError(problem, undefined, undefined, context);
          }
          checkedToken = token;
        }
        headers.set("authorization", `Bearer ${token}`);
      } else {
        headers.delete("authorization"); // the token is for baseUrl's origin only
      }

      if (log.enabled("debug")) {
        log.log("debug", `→ ${method} ${url} attempt ${attempt} headers ${JSON.stringify(redactHeaders(headers))}`);
      }

      // The place in the rate limit is taken after the token, so a token request does not hold it.
      const grant = await limiter?.acquire(callerSignal);
      if (grant && grant.waitedMs > 0) hooks.onRateLimit?.({ source: "limiter", waitMs: grant.waitedMs });
      let response: Response;
      try {
        // The first attempt of a bodyless request goes out as openapi-fetch built it; others are copies.
        const attemptRequest =
          attempt === 1 && body === undefined
            ? request
            : new Request(url, {
                method,
                headers,
                body: body ?? null,
                redirect: request.redirect,
                credentials: request.credentials,
                cache: request.cache,
                mode: request.mode,
                keepalive: request.keepalive,
              });
        response = await exchange(fetch, attemptRequest, callerSignal, timeoutMs, binary, readable, state);
        grant?.release();
      } catch (error) {
        grant?.release();
        if (callerSignal?.aborted) throw callerSignal.reason;
        const timedOut = state.signal?.reason instanceof AttemptTimeout;
        const mayRetry = idempotent || (!state.answered && wasNeverSent(error));
        if (mayRetry && retries < maxRetries) {
          retries++;
          await backOff({ attempt, reason: timedOut ? "timeout" : "network", delayMs: backoffDelay(retries) });
          continue;
        }
        const context = { method, path: pathOf(url), tenantCode, requestId: correlationId, attempts: attempt };
        const what = timedOut
          ? `timed out after ${timeoutMs} ms`
          : state.answered
            ? "failed while reading the response"
            : "failed: no response";
        logOutcome(attempt, timedOut ? "timeout" : "network error");
        const message = `${method} ${context.path} ${what} (attempt ${attempt} of ${maxRetries + 1})`;
        throw timedOut
          ? new TimeoutError(message, context, { cause: error })
          : new ConnectionError(message, context, { cause: error });
      }

      const status = response.status;
      if (status === 401 && token !== undefined && !replayedUnauthorized && (await tokens?.invalidate(token))) {
        replayedUnauthorized = true;
        await backOff({ attempt, reason: "unauthorized", delayMs: 0 });
        continue;
      }
      if (retryableStatuses.has(status)) {
        const retryAfterMs = readRetryAfterMs(response.headers);
        if (status === 429 && limiter) {
          const pauseMs = Math.min(retryAfterMs ?? backoffDelay(retries + 1), maxRetryAfterMs);
          limiter.pause(pauseMs);
          hooks.onRateLimit?.({ source: "server", waitMs: pauseMs });
        }
        const waitable = retryAfterMs === undefined || retryAfterMs <= maxRetryAfterMs;
        if (shouldRetryStatus(status, idempotent) && waitable && retries < maxRetries) {
          retries++;
          await backOff({ attempt, reason: status, delayMs: retryAfterMs ?? backoffDelay(retries) });
          continue;
        }
      }

      // A success keeps its response, with the body kept aside; an error is copied so that
      // openapi-fetch can read its body. A Blob adds no Content-Type the server did not send.
      const final = response.ok
        ? response
        : new Response(status === 304 ? null : new Blob([scrubbed(state.body)]), {
            status,
            statusText: response.statusText,
            headers: response.headers,
          });
      recordMetadata(final, {
        method,
        url,
        tenantCode,
        correlationId,
        attempts: attempt,
        body: response.ok ? state.body : undefined,
      });
      logOutcome(attempt, status, response.headers);
      return final;
    }

    function scrubbed(body: string | ArrayBuffer): string | ArrayBuffer {
      if (!options.scrub) return body;
      const text = typeof body === "string" ? body : new TextDecoder().decode(body);
      const clean = options.scrub(text);
      return clean === text ? body : clean;
    }

    async function backOff(event: Omit<RetryEvent, "method" | "path">): Promise<void> {
      const path = pathOf(url);
      hooks.onRetry?.({ method, path, ...event });
      if (log.enabled("debug"))
        log.log(
          "debug",
          `↻ ${method} ${path} attempt ${event.attempt} failed (${event.reason}); retrying in ${event.delayMs} ms`,
        );
      await sleep(event.delayMs, callerSignal);
    }

    function logOutcome(attempts: number, outcome: number | string, responseHeaders?: Headers): void {
      if (!log.enabled("info")) return;
      const requestId = requestIdOf(responseHeaders, correlationId);
      log.log(
        "info",
        `${method} ${pathOf(url)} ${outcome} attempt=${attempts} duration=${Date.now() - started}ms request-id=${requestId}`,
      );
    }
  };
}

export type Transport = ReturnType<typeof createTransport>;
