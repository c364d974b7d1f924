import type { FetchFunction } from "../client-options.js";
import {
  AuthenticationError,
  ConnectionError,
  InvalidResponseError,
  type RequestContext,
  TimeoutError,
} from "../errors.js";
import type { CrmClientHooks } from "../hooks.js";
import type { LogSink } from "../logging/logger.js";
import { AttemptTimeout, sleep } from "../transport/abort.js";
import type { Clock } from "../transport/clock.js";
import { correlationHeader, randomUuid } from "../transport/correlation-id.js";
import { BodyTooLarge, readBounded } from "../transport/read-body.js";
import { describeTarget, redirectTarget } from "../transport/redirects.js";
import { pathOf } from "../transport/response-metadata.js";
import { type AttemptOutcome, decideRetry } from "../transport/retry-decision.js";
import { wasNeverSent } from "../transport/retry-rules.js";

export interface TokenFetchOptions {
  fetch: FetchFunction;
  log: LogSink;
  hooks: CrmClientHooks;
  clock: Clock;
  maxRetries: number;
  timeoutMs: number;
  /** The largest token response read, in decoded bytes. */
  maxResponseBytes: number;
}

export interface TokenAnswer {
  status: number;
  headers: Headers;
  text: string;
  context: RequestContext;
}

/**
 * POSTs the token form, with retries of its own (network failures, 429 and 5xx: a token
 * request is safe to repeat). It follows a 307 or 308 only within tokenUrl's origin: the
 * client secret is never sent anywhere else; any other redirect fails with an AuthenticationError naming it.
 */
export async function fetchToken(tokenUrl: string, form: string, options: TokenFetchOptions): Promise<TokenAnswer> {
  const { clock, maxRetries, log } = options;
  const decide = (retries: number, outcome: AttemptOutcome) => {
    const now = clock.now();
    const remainingMs = Number.POSITIVE_INFINITY;
    return decideRetry({ retries, maxRetries, outcome, idempotent: true, now, remainingMs, random: Math.random });
  };
  const requestId = randomUuid();
  const started = clock.now();
  const path = pathOf(tokenUrl);
  const logOutcome = (outcome: number | string, attempts: number) => {
    const duration = Math.round(clock.now() - started);
    log.log("info", `POST ${path} ${outcome} attempt=${attempts} duration=${duration}ms request-id=${requestId}`);
  };
  const backOff = async (attempt: number, reason: number | "network" | "timeout", delayMs: number) => {
    options.hooks.onRetry?.({ method: "POST", path, attempt, reason, delayMs });
    log.log("debug", `↻ POST ${path} attempt ${attempt} failed (${reason}); retrying in ${delayMs} ms`);
    await sleep(clock, delayMs);
  };
  for (let retries = 0; ; retries++) {
    const context: RequestContext = { method: "POST", path, tenantCode: undefined, requestId, attempts: retries + 1 };
    try {
      const answer = await attempt(tokenUrl, form, options, context);
      const decision = decide(retries, { kind: "response", status: answer.status, headers: answer.headers });
      if (!decision.retry) {
        logOutcome(answer.status, retries + 1);
        return answer;
      }
      await backOff(retries + 1, answer.status, decision.delayMs);
    } catch (error) {
      if (!(error instanceof AttemptError)) throw error;
      const decision = decide(retries, { kind: "failure", timedOut: error.timedOut, neverSent: error.neverSent });
      if (decision.retry) {
        await backOff(retries + 1, error.timedOut ? "timeout" : "network", decision.delayMs);
        continue;
      }
      logOutcome(error.timedOut ? "timeout" : "network error", retries + 1);
      const what = error.timedOut ? `timed out after ${options.timeoutMs} ms` : "failed: no response";
      const message = `Token request to ${tokenUrl} ${what}`;
      throw error.timedOut
        ? new TimeoutError(message, context, { cause: error.cause })
        : new ConnectionError(message, context, { cause: error.cause });
    }
  }
}

class AttemptError extends Error {
  constructor(
    readonly timedOut: boolean,
    readonly neverSent: boolean,
    options: ErrorOptions,
  ) {
    super("token attempt failed", options);
  }
}

async function attempt(
  tokenUrl: string,
  form: string,
  options: TokenFetchOptions,
  context: RequestContext,
): Promise<TokenAnswer> {
  const { clock, timeoutMs } = options;
  const controller = new AbortController();
  const timer = clock.setTimeout(() => controller.abort(new AttemptTimeout("token request timed out")), timeoutMs);
  let answered = false;
  try {
    let url = tokenUrl;
    for (let hops = 0; ; hops++) {
      const request = new Request(url, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
          [correlationHeader]: context.requestId ?? "",
        },
        body: form,
        redirect: "manual",
      });
      options.log.log("debug", `→ POST ${url} attempt ${context.attempts} (token request)`);
      const response = await options.fetch(request, { signal: controller.signal });
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        const target = redirectTarget(location, url);
        const keepsMethod = response.status === 307 || response.status === 308;
        if (typeof target === "string" || !keepsMethod || target.origin !== new URL(tokenUrl).origin || hops >= 3) {
          const where = describeTarget(target);
          const message = `Token request to ${tokenUrl} was redirected (${response.status}) to ${where}; not followed: the client secret is only sent to tokenUrl's origin`;
          throw new AuthenticationError(message, response.status, undefined, context);
        }
        url = target.href;
        continue;
      }
      answered = true;
      const text = new TextDecoder().decode(await readBounded(response, options.maxResponseBytes));
      return { status: response.status, headers: response.headers, text, context };
    }
  } catch (error) {
    if (error instanceof AuthenticationError) throw error;
    if (error instanceof BodyTooLarge)
      throw new InvalidResponseError(
        `Token response from ${tokenUrl} is ${error.message}`,
        undefined,
        undefined,
        context,
      );
    const timedOut = controller.signal.reason instanceof AttemptTimeout;
    throw new AttemptError(timedOut, !answered && wasNeverSent(error), { cause: error });
  } finally {
    clock.clearTimeout(timer);
  }
}
