import type { FetchFunction } from "../config.js";
import { AttemptTimeout } from "./abort.js";

/** What one attempt learned, kept for the transport to decide on a retry and to report. */
export interface AttemptState {
  /** True once response headers arrived: tells a failed exchange from one that never reached a server. */
  answered: boolean;
  /** The attempt's signal; its reason tells a timeout from the caller's abort. */
  signal: AbortSignal | undefined;
  /** The whole body, read inside the attempt: text, or bytes when the caller asked for binary. */
  body: string | ArrayBuffer;
}

/**
 * One attempt: fetch, then read the whole body, within `timeoutMs`; the caller's signal aborts it.
 * The attempt's signal goes to fetch as `init.signal` rather than into the Request: undici's
 * Request would follow it at a cost on every call, while fetch follows exactly one signal anyway.
 * The body is read as text unless `binary`: that is what JSON needs, and it saves undici's copy.
 * With `readable`, a success comes back as a clone whose body is still unread.
 */
export async function exchange(
  fetch: FetchFunction,
  request: Request,
  callerSignal: AbortSignal | null | undefined,
  timeoutMs: number,
  binary: boolean,
  readable: boolean,
  state: AttemptState,
): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new AttemptTimeout(`attempt timed out after ${timeoutMs} ms`)),
    timeoutMs,
  );
  const onCallerAbort = callerSignal ? () => controller.abort(callerSignal.reason) : undefined;
  if (callerSignal?.aborted) controller.abort(callerSignal.reason);
  else if (onCallerAbort) callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  const signal = controller.signal;
  state.answered = false;
  state.signal = signal;
  try {
    const response = await fetch(request, { signal });
    state.answered = true;
    // The copy's branch of the body stays unread for whoever reads the response after us.
    const handedBack = readable && response.ok ? response.clone() : response;
    state.body = binary ? await response.arrayBuffer() : await response.text();
    return handedBack;
  } finally {
    clearTimeout(timer);
    if (onCallerAbort) callerSignal?.removeEventListener("abort", onCallerAbort);
  }
}
