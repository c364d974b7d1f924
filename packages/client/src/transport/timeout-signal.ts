import { AttemptTimeout } from "./abort.js";

interface Bucket {
  signal: AbortSignal;
  /** Attempts starting before this moment may share the bucket. */
  closesAt: number;
}

const buckets = new Map<number, Bucket>();

/**
 * A signal that aborts with AttemptTimeout at least `timeoutMs` after now, and at most a tenth of
 * it (never more than a second) later. Attempts that start within the same tenth share one
 * controller and one timer: creating an AbortSignal per request costs more than the rest of the
 * client's work together on Node, and a signal aborted after its request finished does nothing.
 * The timer is unref'd, so a finished client never keeps a process alive; a request still in
 * flight keeps it alive through its socket.
 */
export function timeoutSignal(timeoutMs: number, now: number = Date.now()): AbortSignal {
  const bucket = buckets.get(timeoutMs);
  if (bucket && now < bucket.closesAt) return bucket.signal;
  const width = Math.min(1_000, Math.ceil(timeoutMs / 10));
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new AttemptTimeout(`attempt timed out after ${timeoutMs} ms`)),
    timeoutMs + width,
  );
  (timer as { unref?: () => void }).unref?.();
  buckets.set(timeoutMs, { signal: controller.signal, closesAt: now + width });
  return controller.signal;
}
