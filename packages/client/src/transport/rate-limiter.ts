import type { Clock } from "./clock.js";
import { systemClock } from "./clock.js";

interface Waiter {
  resolve(waitedMs: number): void;
  reject(reason: unknown): void;
  enqueuedAt: number;
  signal: AbortSignal | null | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * A sliding-window limiter: at most `requests` grants in any `intervalMs` window, in FIFO order.
 * It remembers the last `requests` grant times in a ring buffer, so a grant costs O(1).
 * `pause()` holds every grant until a moment the server named (a 429's Retry-After).
 */
export class RateLimiter {
  readonly #requests: number;
  readonly #intervalMs: number;
  readonly #clock: Clock;
  /** Grant times, oldest first from #oldest; grown on demand up to #requests entries. */
  #grants: Float64Array;
  #oldest = 0;
  #granted = 0;
  #pausedUntil = 0;
  #queue: Waiter[] = [];
  #timer: unknown;
  #timerAt = Number.POSITIVE_INFINITY;

  /** `requests: Infinity` keeps only the pause. */
  constructor(options: { requests: number; intervalMs: number }, clock: Clock = systemClock) {
    this.#requests = options.requests;
    this.#intervalMs = options.intervalMs;
    this.#clock = clock;
    // A generous limit (say 1e8) must not reserve its whole log up front.
    this.#grants = new Float64Array(Number.isFinite(options.requests) ? Math.min(options.requests, 1024) : 0);
  }

  /**
   * Waits for a slot. Returns `0` synchronously when one is free, so that the common case
   * costs no promise; otherwise a promise of how long the caller waited.
   */
  acquire(signal?: AbortSignal | null): number | Promise<number> {
    const now = this.#clock.now();
    if (this.#queue.length === 0 && this.#waitFor(now) === 0) {
      this.#grant(now);
      return 0;
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, enqueuedAt: this.#clock.now(), signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          this.#queue = this.#queue.filter((queued) => queued !== waiter);
          reject(signal.reason);
          this.#schedule();
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.#queue.push(waiter);
      this.#schedule();
    });
  }

  /** Holds all grants for `ms` from now (never shortens an earlier pause). */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + ms);
    this.#schedule();
  }

  /** How long a request made now would wait, ignoring the queue. */
  delayNow(): number {
    return this.#waitFor(this.#clock.now());
  }

  #waitFor(now: number): number {
    const pause = Math.max(0, this.#pausedUntil - now);
    if (this.#granted < this.#requests || this.#grants.length === 0) return pause;
    const oldest = this.#grants[this.#oldest] ?? 0;
    return Math.max(pause, oldest + this.#intervalMs - now);
  }

  #grant(now: number): void {
    if (this.#grants.length === 0) return;
    if (this.#granted === this.#grants.length && this.#granted < this.#requests) this.#grow();
    const size = this.#grants.length;
    if (this.#granted < size) {
      this.#grants[(this.#oldest + this.#granted) % size] = now;
      this.#granted++;
    } else {
      this.#grants[this.#oldest] = now;
      this.#oldest = (this.#oldest + 1) % size;
    }
  }

  #grow(): void {
    const size = this.#grants.length;
    const grown = new Float64Array(Math.min(this.#requests, size * 2));
    for (let i = 0; i < size; i++) grown[i] = this.#grants[(this.#oldest + i) % size] ?? 0;
    this.#grants = grown;
    this.#oldest = 0;
  }

  #drain = (): void => {
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    const now = this.#clock.now();
    while (this.#queue.length > 0 && this.#waitFor(now) === 0) {
      const waiter = this.#queue.shift() as Waiter;
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      this.#grant(now);
      waiter.resolve(now - waiter.enqueuedAt);
    }
    this.#schedule();
  };

  #schedule(): void {
    if (this.#queue.length === 0) {
      if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      return;
    }
    const now = this.#clock.now();
    const at = now + this.#waitFor(now);
    if (this.#timer !== undefined && this.#timerAt <= at) return;
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = this.#clock.setTimeout(this.#drain, at - now);
  }
}

const sharedLimiters = new Map<string, RateLimiter>();

/**
 * One limiter per (baseUrl, client, limit) in this process, so that every client built with the
 * same credentials, `withTenant` clients included, draws on one budget.
 */
export function sharedRateLimiter(key: string, options: { requests: number; intervalMs: number }): RateLimiter {
  const fullKey = `${key}|${options.requests}/${options.intervalMs}`;
  let limiter = sharedLimiters.get(fullKey);
  if (!limiter) {
    limiter = new RateLimiter(options);
    sharedLimiters.set(fullKey, limiter);
  }
  return limiter;
}
