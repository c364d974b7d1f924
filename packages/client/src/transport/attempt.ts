import type { FetchFunction } from "../config.js";
import { AttemptTimeout } from "./abort.js";

export interface Exchange {
  response: Response;
  /** The whole body, read inside the attempt. */
  bytes: ArrayBuffer;
}

/**
 * One attempt: fetch, then read the whole body, within `timeoutMs`; the caller's signal aborts it.
 * The attempt's signal goes to fetch as `init.signal` rather than into the Request: undici's
 * Request would follow it at a cost on every call, while fetch follows exactly one signal anyway.
 * `sent.headers` turns true once response headers arrived, which tells a failed exchange from
 * one that never reached a server.
 */
export async function exchange(
  fetch: FetchFunction,
  request: Request,
  callerSignal: AbortSignal | null | undefined,
  timeoutMs: number,
  sent: { headers: boolean; signal?: AbortSignal },
): Promise<Exchange> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new AttemptTimeout(`attempt timed out after ${timeoutMs} ms`)),
    timeoutMs,
  );
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) controller.abort(callerSignal.reason);
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  sent.signal = controller.signal;
  try {
    const response = await fetch(request, { signal: controller.signal });
    sent.headers = true;
    return { response, bytes: await response.arrayBuffer() };
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", onCallerAbort);
  }
}
