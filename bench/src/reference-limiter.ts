import { limit, pace, theoreticalMinimumMs, total } from "./pacing-scenario.js";

/**
 * Not part of `pnpm bench`: the limiter-pacing scenario with the client's limiter off and this
 * limiter around fetch instead, to test a design. A request occupies the window from when it is
 * sent until `intervalMs` after its response arrives. The server counts a request at some moment
 * between the two, so a window counted this way never holds fewer requests than the server's
 * and can never earn a 429; the price is one round trip per window.
 *
 *   pnpm --filter @engagifii/bench exec node --import tsx src/reference-limiter.ts
 */
class CompletionWindow {
  #inFlight = 0;
  #releases: number[] = []; // response times, oldest first (responses arrive in clock order)
  #waiters: (() => void)[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly requests: number,
    private readonly intervalMs: number,
  ) {}

  async run<T>(send: () => Promise<T>): Promise<T> {
    if (this.#waiters.length > 0 || this.#used(performance.now()) >= this.requests) {
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        this.#schedule();
      });
    } else {
      this.#inFlight++;
    }
    try {
      return await send();
    } finally {
      this.#inFlight--;
      this.#releases.push(performance.now());
      this.#schedule();
    }
  }

  #used(now: number): number {
    while (this.#releases.length > 0 && (this.#releases[0] as number) <= now - this.intervalMs) this.#releases.shift();
    return this.#inFlight + this.#releases.length;
  }

  #drain = (): void => {
    this.#timer = undefined;
    while (this.#waiters.length > 0 && this.#used(performance.now()) < this.requests) {
      this.#inFlight++;
      this.#waiters.shift()?.();
    }
    this.#schedule();
  };

  #schedule(): void {
    if (this.#timer !== undefined || this.#waiters.length === 0) return;
    const now = performance.now();
    // With everything in flight there is nothing to wait for but a response, which calls us again.
    if (this.#used(now) >= this.requests && this.#releases.length === 0) return;
    const delay = this.#used(now) < this.requests ? 0 : (this.#releases[0] as number) + this.intervalMs - now;
    this.#timer = setTimeout(this.#drain, Math.max(0, delay));
  }
}

const window = new CompletionWindow(limit.requests, limit.intervalMs);
const minimumMs = theoreticalMinimumMs(total, limit.requests, limit.intervalMs);
const outcome = await pace({
  rateLimit: false,
  // The body is read inside the window, so the request counts until its last byte arrives.
  fetch: (request) =>
    window.run(async () => {
      const response = await fetch(request);
      const bytes = await response.arrayBuffer();
      return new Response(bytes, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    }),
});
console.log(
  `reference limiter: ${outcome.elapsedMs.toFixed(0)} ms (${(outcome.elapsedMs / minimumMs).toFixed(3)} × the ${minimumMs} ms minimum), ` +
    `${outcome.stats.tooMany} 429s, ${outcome.failed} failed, first window arrived over ${outcome.stats.firstWindowSpreadMs.toFixed(0)} ms`,
);
