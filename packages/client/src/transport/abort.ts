/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. Leaves no timer behind. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Thrown into an attempt's signal when it runs out of time. */
export class AttemptTimeout extends Error {
  override name = "AttemptTimeout";
}

/**
 * A signal for one attempt: aborted by the caller's signal or after `timeoutMs`. Pass the
 * `controller` a request was already built with (it then follows the caller's signal already).
 * Call `dispose()` when the attempt is over, so that no timer or listener outlives it.
 */
export function attemptSignal(
  callerSignal: AbortSignal | null | undefined,
  timeoutMs: number,
  controller?: AbortController,
): { signal: AbortSignal; dispose(): void } {
  const follow = !controller;
  const attempt = controller ?? new AbortController();
  const onCallerAbort = () => attempt.abort(callerSignal?.reason);
  if (follow) {
    if (callerSignal?.aborted) attempt.abort(callerSignal.reason);
    else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  }
  const timer = setTimeout(
    () => attempt.abort(new AttemptTimeout(`attempt timed out after ${timeoutMs} ms`)),
    timeoutMs,
  );
  return {
    signal: attempt.signal,
    dispose() {
      clearTimeout(timer);
      if (follow) callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}

/** Makes `controller` abort when `signal` does; returns the function that stops following. */
export function followSignal(controller: AbortController, signal: AbortSignal | null | undefined): () => void {
  if (!signal) return () => undefined;
  if (signal.aborted) {
    controller.abort(signal.reason);
    return () => undefined;
  }
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  return () => signal.removeEventListener("abort", onAbort);
}
