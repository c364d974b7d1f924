import { createMemoryRateLimitStore } from "../stores/memory-rate-limit-store.js";
import type { RateLimit, RateLimitStore, SlotDecision } from "../stores/rate-limit-store.js";
import { whenAborted } from "./abort.js";
import { type Clock, systemClock } from "./clock.js";
import { Grant } from "./grant.js";
import { askStoreForSlots, type LimiterStorage, type Waiter } from "./limiter-slots.js";

export { Grant, type LimiterStorage };

/** Why a waiter was turned away: no place can be free for `waitMs`, and its deadline comes sooner. */
export class WaitPastDeadline extends Error {
  override name = "WaitPastDeadline";
  constructor(readonly waitMs: number) {
    super(`the rate limit lets no request through for ${waitMs} ms, past the request's deadline`);
  }
}

/**
 * Grants places in FIFO order from a RateLimitStore's sliding window. The queue, the abort
 * handling and the fairness are local; the store decides whether a slot is free, so many
 * limiters (other processes, with a shared store) can draw on one budget. `requests: Infinity`
 * keeps only the pause a 429 sets.
 */
export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #clock: Clock;
  readonly #store: RateLimitStore;
  readonly #key: string;
  readonly #queue: Waiter[] = [];
  #pausedUntil = 0;
  #pumping = false;
  #again = false;
  #timer: unknown;
  #sleeps = 0;

  constructor(limit: RateLimit, clock: Clock = systemClock, storage?: LimiterStorage) {
    this.#limit = { requests: limit.requests, intervalMs: limit.intervalMs };
    this.#clock = clock;
    this.#store = storage?.store ?? createMemoryRateLimitStore({ clock });
    this.#key = storage?.key ?? "local";
  }

  /**
   * Waits for a place; rejects with the signal's reason if it aborts first, and with
   * WaitPastDeadline as soon as the limiter knows it cannot let the request go before `deadline`.
   */
  acquire(signal?: AbortSignal | null, deadline = Number.POSITIVE_INFINITY): Promise<Grant> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Grant>((resolve, reject) => {
      const now = this.#clock.now();
      const waiter: Waiter = {
        resolve,
        reject,
        enqueuedAt: now,
        deadline,
        sleeps: this.#sleeps,
        stopWatching: undefined,
      };
      if (signal) {
        waiter.stopWatching = whenAborted(signal, () => {
          const index = this.#queue.indexOf(waiter);
          if (index >= 0) this.#queue.splice(index, 1);
          if (this.#queue.length === 0) this.#clock.clearTimeout(this.#timer); // no timer outlives the last waiter
          reject(signal.reason);
        });
      }
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  /** Holds every grant for `ms` from now, here and for everyone sharing the store (never shortens a pause). */
  pause(ms: number): void {
    const until = this.#clock.now() + ms;
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    this.#store.pauseUntil(this.#key, until).catch(() => undefined); // the local pause still holds
  }

  /** How long the pause a 429 set here still lasts (0: none). */
  pausedForMs(): number {
    return Math.max(0, this.#pausedUntil - this.#clock.now());
  }

  /** See Grant#release. */
  release(slot: string | undefined): void {
    if (slot === undefined) return;
    this.#store.release(this.#key, slot, this.#limit).then(this.#wake, this.#wake);
  }

  #wake = (): void => {
    if (this.#queue.length === 0) return;
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pump();
  };

  #pump(): void {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    this.#drain()
      .catch((error: unknown) => {
        // The store failed: the waiting requests fail with its error rather than hang.
        for (const waiter of this.#queue.splice(0)) this.#settle(waiter).reject(error);
      })
      .finally(() => {
        this.#pumping = false;
        if (this.#again && this.#queue.length > 0) this.#pump();
      });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      this.#again = false;
      const askedAt = this.#clock.now();
      let wakeAt = 0;
      if (this.#pausedUntil > askedAt) wakeAt = this.#pausedUntil;
      else if (!Number.isFinite(this.#limit.requests)) {
        for (const waiter of this.#queue.splice(0)) this.#handOut(waiter, undefined);
      } else {
        const decisions = await askStoreForSlots(this.#store, this.#key, this.#limit, this.#queue.length);
        wakeAt = this.#handOutGranted(decisions, askedAt);
      }
      if (wakeAt === 0 || this.#again) continue;
      this.#clock.clearTimeout(this.#timer);
      this.#turnAway(wakeAt);
      if (this.#queue.length === 0) return;
      this.#sleeps++;
      this.#timer = this.#clock.setTimeout(this.#wake, Math.max(0, wakeAt - this.#clock.now()));
      return;
    }
  }

  /** Gives the granted slots to the first waiters; returns when to ask again (0: now). */
  #handOutGranted(decisions: SlotDecision[], askedAt: number): number {
    let retryInMs = 0;
    for (const decision of decisions) {
      if (!decision.granted) {
        const wait = Math.max(1, decision.retryInMs); // a store answering 0 must not make this spin
        retryInMs = retryInMs === 0 ? wait : Math.min(retryInMs, wait);
        continue;
      }
      const waiter = this.#queue.shift();
      // A pause that arrived meanwhile, or a waiter that gave up: the slot goes back.
      if (waiter && this.#pausedUntil <= this.#clock.now()) this.#handOut(waiter, decision.slot);
      else {
        if (waiter) this.#queue.unshift(waiter);
        this.release(decision.slot);
      }
    }
    if (retryInMs === 0 && this.#pausedUntil <= this.#clock.now()) return 0;
    return Math.max(askedAt + retryInMs, this.#pausedUntil);
  }

  /** Rejects the waiters whose deadline comes before `wakeAt`, the earliest a place may be free (a pause, or a full window). */
  #turnAway(wakeAt: number): void {
    const waitMs = wakeAt - this.#clock.now();
    for (let index = this.#queue.length - 1; index >= 0; index--) {
      const waiter = this.#queue[index] as Waiter;
      if (waiter.deadline > wakeAt) continue;
      this.#queue.splice(index, 1);
      this.#settle(waiter).reject(new WaitPastDeadline(waitMs));
    }
  }

  #handOut(waiter: Waiter, slot: string | undefined): void {
    const waitedMs = waiter.sleeps === this.#sleeps ? 0 : this.#clock.now() - waiter.enqueuedAt;
    this.#settle(waiter).resolve(new Grant(this, slot, waitedMs));
  }

  #settle(waiter: Waiter): Waiter {
    waiter.stopWatching?.();
    return waiter;
  }
}
