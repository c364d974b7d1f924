import type { Clock } from "./clock.js";
import { systemClock } from "./clock.js";

/** A place in the limiter's window, held by one request from its grant until `release()`. */
export class Grant {
  /** When the request's response came back; Infinity while it is in flight. */
  time = Number.POSITIVE_INFINITY;

  constructor(
    readonly limiter: RateLimiter | undefined,
    /** How long the request waited for its place. */
    readonly waitedMs: number,
  ) {}

  /** The request is over: its place frees `intervalMs` from now. */
  release(): void {
    this.limiter?.release(this);
  }
}

/** The grant of a limiter without a limit: it holds no place, so one instance serves every request. */
const unlimited = new Grant(undefined, 0);

interface Waiter {
  resolve(grant: Grant): void;
  reject(reason: unknown): void;
  enqueuedAt: number;
  signal: AbortSignal | null | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * A sliding-window limiter: at most `requests` requests in any `intervalMs`, granted in FIFO
 * order. A request counts from its grant until `intervalMs` after its response arrived, not after
 * it was sent: a server counts arrivals, and network delay would otherwise let two windows'
 * worth of requests reach it within one. It keeps the last `requests` grants in a ring (grown on
 * demand), so a grant costs O(1). `pause()` holds every grant until a moment the server named.
 */
export class RateLimiter {
  readonly #requests: number;
  readonly #intervalMs: number;
  readonly #clock: Clock;
  #ring: Grant[] = [];
  #oldest = 0;
  #pausedUntil = 0;
  #queue: Waiter[] = [];
  #timer: unknown;
  #timerAt = Number.POSITIVE_INFINITY;

  /** `requests: Infinity` keeps only the pause. */
  constructor(options: { requests: number; intervalMs: number }, clock: Clock = systemClock) {
    this.#requests = options.requests;
    this.#intervalMs = options.intervalMs;
    this.#clock = clock;
  }

  /** Waits for a place. Returns the grant synchronously when one is free, so the common case costs no promise. */
  acquire(signal?: AbortSignal | null): Grant | Promise<Grant> {
    const now = this.#clock.now();
    if (this.#queue.length === 0 && this.#waitFor(now) === 0) return this.#grant(0);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Grant>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, enqueuedAt: now, signal, onAbort: undefined };
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

  /** How long a request made now would wait, ignoring the queue (Infinity: until a request ends). */
  delayNow(): number {
    return this.#waitFor(this.#clock.now());
  }

  /** See Grant#release. */
  release(grant: Grant): void {
    if (grant.time !== Number.POSITIVE_INFINITY) return;
    grant.time = this.#clock.now();
    if (this.#queue.length > 0) this.#schedule();
  }

  #waitFor(now: number): number {
    const pause = Math.max(0, this.#pausedUntil - now);
    if (this.#ring.length < this.#requests) return pause;
    const oldest = this.#ring[this.#oldest] as Grant;
    return Math.max(pause, oldest.time + this.#intervalMs - now);
  }

  #grant(waitedMs: number): Grant {
    if (!Number.isFinite(this.#requests)) return waitedMs === 0 ? unlimited : new Grant(undefined, waitedMs);
    const grant = new Grant(this, waitedMs);
    if (this.#ring.length < this.#requests) {
      // Still filling: the ring is in grant order from index 0 while it grows.
      this.#ring.push(grant);
    } else {
      this.#ring[this.#oldest] = grant;
      this.#oldest = (this.#oldest + 1) % this.#requests;
    }
    return grant;
  }

  #drain = (): void => {
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    const now = this.#clock.now();
    while (this.#queue.length > 0 && this.#waitFor(now) === 0) {
      const waiter = this.#queue.shift() as Waiter;
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.resolve(this.#grant(now - waiter.enqueuedAt));
    }
    this.#schedule();
  };

  #schedule(): void {
    const now = this.#clock.now();
    // Nothing waits, or the oldest place is held by a request in flight: its release reschedules.
    const at = this.#queue.length === 0 ? Number.POSITIVE_INFINITY : now + this.#waitFor(now);
    // An earlier timer will drain and reschedule; a later or needless one goes.
    if (this.#timer !== undefined && this.#timerAt <= at && Number.isFinite(at)) return;
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = at;
    if (Number.isFinite(at)) this.#timer = this.#clock.setTimeout(this.#drain, at - now);
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
