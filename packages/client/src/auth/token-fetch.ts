import type { FetchFunction } from "../client-options.js";
import { ConnectionError, type RequestContext, TimeoutError } from "../errors.js";
import type { CrmClientHooks } from "../hooks.js";
import type { LogSink } from "../logging/logger.js";
import { sleep } from "../transport/abort.js";
import type { Clock } from "../transport/clock.js";
import { randomUuid } from "../transport/correlation-id.js";
import { pathOf } from "../transport/response-metadata.js";
import { type AttemptOutcome, decideRetry } from "../transport/retry-decision.js";
import { AttemptError, attempt } from "./token-attempt.js";

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
