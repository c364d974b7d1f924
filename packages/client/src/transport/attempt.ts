import type { FetchFunction } from "../config.js";
import { followSignal } from "./abort.js";
import { timeoutSignal } from "./timeout-signal.js";

export interface Exchange {
  response: Response;
  /** The whole body, read inside the attempt. */
  bytes: ArrayBuffer;
}

/**
 * One attempt: fetch, then read the whole body, within `timeoutMs`; the caller's signal aborts it.
 * The signal goes to fetch as `init.signal` rather than into the Request, which would make
 * undici's Request follow it at a cost on every call. `sent.headers` turns true once response
 * headers arrived, which tells a failed exchange from one that never reached a server.
 */
export async function exchange(
  fetch: FetchFunction,
  request: Request,
  callerSignal: AbortSignal | null | undefined,
  timeoutMs: number,
  sent: { headers: boolean; signal?: AbortSignal },
): Promise<Exchange> {
  let signal = timeoutSignal(timeoutMs);
  let unfollow: (() => void) | undefined;
  if (callerSignal) {
    // Only a caller's own signal needs a controller of its own, following both.
    const controller = new AbortController();
    const unfollowTimeout = followSignal(controller, signal);
    const unfollowCaller = followSignal(controller, callerSignal);
    unfollow = () => {
      unfollowTimeout();
      unfollowCaller();
    };
    signal = controller.signal;
  }
  sent.signal = signal;
  try {
    const response = await fetch(request, { signal });
    sent.headers = true;
    return { response, bytes: await response.arrayBuffer() };
  } finally {
    unfollow?.();
  }
}
