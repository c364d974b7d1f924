import type { FetchFunction } from "../client-options.js";
import { CrmError, InvalidResponseError, isHttpStatus } from "../errors.js";
import type { LogSink } from "../logging/logger.js";
import { redactHeaders } from "../logging/redact.js";
import { AttemptTimeout, DeadlineExceeded, followSignal } from "./abort.js";
import { AttemptFailure } from "./attempt-failure.js";
import type { Clock } from "./clock.js";
import { type CrmRequest, contextOfRequest, type Next, type Policy } from "./pipeline.js";
import { BodyTooLarge, readBounded } from "./read-body.js";
import { followRedirects } from "./redirects.js";
import { wasNeverSent } from "./retry-rules.js";

const nullBodyStatuses = new Set([204, 205, 304]);

/**
 * One attempt, within its time limit (`timeoutMs`, and no later than the call's deadline):
 * fetch, the redirect rules, then the whole body read and bounded by `maxResponseBytes`, so
 * that a stalled or broken body counts as a failed attempt. With `parseAs: "stream"`, a success
 * comes back at its headers with the body unread: the time limit then no longer applies.
 */
export function attemptPolicy(clock: Clock, log: LogSink): Policy {
  return async (request, next) => {
    const { settings } = request;
    if (log.enabled("debug")) {
      const headers = JSON.stringify(redactHeaders(request.headers));
      log.log("debug", `→ ${request.method} ${request.url} attempt ${request.trace.attempts} headers ${headers}`);
    }
    const controller = new AbortController();
    const untilDeadline = settings.deadline === undefined ? Number.POSITIVE_INFINITY : settings.deadline - clock.now();
    const limitMs = Math.min(settings.timeoutMs, Math.max(0, untilDeadline));
    const timer = clock.setTimeout(
      () => controller.abort(new AttemptTimeout(`attempt timed out after ${limitMs} ms`)),
      limitMs,
    );
    const unfollow = followSignal(controller, settings.signal);
    let answered = false;
    try {
      const response = await followRedirects({ ...request, attemptSignal: controller.signal }, next);
      answered = true;
      checkStatus(response.status, request);
      if (settings.stream && response.ok) return response;
      const body = await readBounded(response, settings.maxResponseBytes);
      const { status, statusText, headers } = response;
      return new Response(nullBodyStatuses.has(status) ? null : body, { status, statusText, headers });
    } catch (error) {
      const reason = controller.signal.reason;
      // The caller's own abort goes up as it is; a typed error (redirect refused, bad status) too.
      if (settings.signal?.aborted && !(settings.signal.reason instanceof DeadlineExceeded))
        throw settings.signal.reason;
      if (error instanceof CrmError) throw error;
      if (error instanceof BodyTooLarge) throw tooLarge(request, error);
      const timedOut = reason instanceof AttemptTimeout;
      throw new AttemptFailure({ timedOut, answered, neverSent: !answered && wasNeverSent(error) }, { cause: error });
    } finally {
      clock.clearTimeout(timer);
      unfollow();
    }
  };
}

/** The last step: the request as fetch takes it, redirects left to the attempt. */
export function sendWith(fetch: FetchFunction): Next {
  return (request: CrmRequest) => {
    const { url, method, headers, body } = request;
    const signal = request.attemptSignal;
    return fetch(
      new Request(url, { method, headers, body: body ?? null, redirect: "manual" }),
      signal ? { signal } : {},
    );
  };
}

/** A status outside 100–599, or an informational (1xx) one as the final answer, is no HTTP answer. */
function checkStatus(status: number, request: CrmRequest): void {
  if (isHttpStatus(status) && status >= 200) return;
  const context = contextOfRequest(request);
  const what = status >= 100 && status < 200 ? "an informational status" : "outside 100–599";
  const message = `${context.method} ${context.path} returned HTTP status ${status}, ${what}`;
  throw new InvalidResponseError(message, undefined, undefined, context);
}

function tooLarge(request: CrmRequest, error: BodyTooLarge): InvalidResponseError {
  const context = contextOfRequest(request);
  const message = `${context.method} ${context.path} returned ${error.message}; raise maxResponseBytes, or use parseAs: "stream"`;
  return new InvalidResponseError(message, undefined, undefined, context, { cause: error });
}
