import type { Clock } from "./clock.js";

const subscribers = new WeakMap<AbortSignal, { callbacks: Set<() => void>; listener: () => void }>();

/**
 * Calls `callback` when `signal` aborts; returns the function that stops that. However many
 * calls share one long-lived signal, it holds at most one listener of ours (no
 * MaxListenersExceededWarning), and none once they are all over.
 */
export function whenAborted(signal: AbortSignal, callback: () => void): () => void {
  let entry = subscribers.get(signal);
  if (!entry) {
    const callbacks = new Set<() => void>();
    const listener = () => {
      subscribers.delete(signal);
      for (const each of callbacks) each();
    };
    entry = { callbacks, listener };
    subscribers.set(signal, entry);
    signal.addEventListener("abort", listener, { once: true });
  }
  const { callbacks, listener } = entry;
  callbacks.add(callback);
  return () => {
    if (!callbacks.delete(callback) || callbacks.size > 0) return;
    signal.removeEventListener("abort", listener);
    if (subscribers.get(signal)?.callbacks === callbacks) subscribers.delete(signal);
  };
}

/** Resolves after `ms` on `clock`, or rejects with the signal's reason as soon as it aborts. Leaves no timer behind. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal | null): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = clock.setTimeout(() => {
      stop();
      resolve();
    }, ms);
    const stop = signal
      ? whenAborted(signal, () => {
          clock.clearTimeout(timer);
          reject(signal.reason);
        })
      : () => undefined;
  });
}

/** Thrown into an attempt's signal when it runs out of time. */
export class AttemptTimeout extends Error {
  override name = "AttemptTimeout";
}

/** Thrown into a call's signal when its per-request `timeoutMs` has passed. */
export class DeadlineExceeded extends AttemptTimeout {
  override name = "DeadlineExceeded";
}

/** Makes `controller` abort when `signal` does; returns the function that stops following. */
export function followSignal(controller: AbortController, signal: AbortSignal | null | undefined): () => void {
  if (!signal) return () => undefined;
  if (signal.aborted) {
    controller.abort(signal.reason);
    return () => undefined;
  }
  return whenAborted(signal, () => controller.abort(signal.reason));
}

/**
 * The call's signal: the caller's, and with a deadline one that also aborts then (with
 * DeadlineExceeded). `dispose` stops the timer and the following; call it when the call is over.
 */
export function callSignal(
  clock: Clock,
  caller: AbortSignal | undefined,
  deadline: number | undefined,
): { signal: AbortSignal | undefined; dispose: () => void } {
  if (deadline === undefined) return { signal: caller, dispose: () => undefined };
  const controller = new AbortController();
  const unfollow = followSignal(controller, caller);
  const timeoutMs = Math.max(0, deadline - clock.now());
  const timer = clock.setTimeout(
    () => controller.abort(new DeadlineExceeded(`the request's timeoutMs (${timeoutMs} ms) has passed`)),
    timeoutMs,
  );
  return {
    signal: controller.signal,
    dispose: () => {
      clock.clearTimeout(timer);
      unfollow();
    },
  };
}

/** The promise's result, or the signal's reason as soon as it aborts; the listener goes when either settles. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const stop = whenAborted(signal, () => reject(signal.reason));
    promise.then(resolve, reject).finally(stop);
  });
}
