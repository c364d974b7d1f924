import { ConnectionError, TimeoutError } from "../errors.js";
import type { CrmClientHooks } from "../hooks.js";
import type { LogSink } from "../logging/logger.js";
import { DeadlineExceeded, sleep } from "./abort.js";
import { AttemptFailure } from "./attempt-failure.js";
import type { Clock } from "./clock.js";
import { deletedEarlier } from "./deleted-earlier.js";
import { type CrmRequest, contextOfRequest, type Policy } from "./pipeline.js";
import { type AttemptOutcome, decideRetry } from "./retry-decision.js";
import { isIdempotent } from "./retry-rules.js";

export interface RetryPolicyOptions {
  clock: Clock;
  hooks: CrmClientHooks;
  log: LogSink;
  random?: () => number;
}

/** Runs the attempts: each goes down the rest of the pipeline; `decideRetry` says whether another follows. */
export function retryPolicy(options: RetryPolicyOptions): Policy {
  const { clock, hooks, log, random = Math.random } = options;
  return async (request, next) => {
    const { settings, trace } = request;
    const idempotent = isIdempotent(request.method, request.headers, settings.idempotent);
    // Whether an earlier attempt may have reached the server (its response lost or failed).
    let mayHaveArrived = false;
    for (let retries = 0; ; retries++) {
      trace.attempts++;
      let response: Response | undefined;
      let outcome: AttemptOutcome;
      try {
        response = await next(request);
        outcome = { kind: "response", status: response.status, headers: response.headers };
      } catch (error) {
        if (error instanceof DeadlineExceeded) throw giveUp(request, { timedOut: true }, error);
        if (!(error instanceof AttemptFailure)) throw error;
        if (settings.signal?.reason instanceof DeadlineExceeded) throw giveUp(request, error.detail, error.cause);
        outcome = { kind: "failure", timedOut: error.detail.timedOut, neverSent: error.detail.neverSent };
        if (!outcome.neverSent) mayHaveArrived = true;
        const decision = decide(outcome, retries);
        if (!decision.retry) throw giveUp(request, error.detail, error.cause);
        await backOff(outcome.timedOut ? "timeout" : "network", decision.delayMs);
        continue;
      }
      if (response.status === 404 && request.method === "DELETE" && mayHaveArrived)
        return deletedEarlier(response, request, log);
      const decision = decide(outcome, retries);
      if (!decision.retry) return response;
      if (response.status !== 429) mayHaveArrived = true;
      await response.body?.cancel();
      await backOff(response.status, decision.delayMs);
    }

    function decide(outcome: AttemptOutcome, retries: number) {
      const now = clock.now();
      const remainingMs = settings.deadline === undefined ? Number.POSITIVE_INFINITY : settings.deadline - now;
      const { maxRetries } = settings;
      return decideRetry({ retries, maxRetries, outcome, idempotent, now, remainingMs, random });
    }

    async function backOff(reason: number | "network" | "timeout", delayMs: number): Promise<void> {
      const { method, path } = contextOfRequest(request);
      hooks.onRetry?.({ method, path, attempt: trace.attempts, reason, delayMs });
      if (log.enabled("debug"))
        log.log("debug", `↻ ${method} ${path} attempt ${trace.attempts} failed (${reason}); retrying in ${delayMs} ms`);
      await sleep(clock, delayMs, settings.signal).catch((error: unknown) => {
        throw error instanceof DeadlineExceeded ? giveUp(request, { timedOut: true }, error) : error;
      });
    }
  };
}

/** The typed error for a request that got no usable response. */
function giveUp(request: CrmRequest, detail: { timedOut: boolean; answered?: boolean }, cause: unknown): Error {
  const context = contextOfRequest(request);
  const { settings } = request;
  const overall = settings.deadline !== undefined && request.settings.signal?.reason instanceof DeadlineExceeded;
  const what = detail.timedOut
    ? overall
      ? "ran past its timeoutMs"
      : `timed out after ${settings.timeoutMs} ms`
    : detail.answered
      ? "failed while reading the response"
      : "failed: no response";
  const message = `${context.method} ${context.path} ${what} (attempt ${context.attempts} of ${settings.maxRetries + 1})`;
  return detail.timedOut
    ? new TimeoutError(message, context, { cause })
    : new ConnectionError(message, context, { cause });
}
