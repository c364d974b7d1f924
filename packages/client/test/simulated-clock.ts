import type { Clock } from "../src/transport/clock.js";

/** A clock whose time moves only when a test advances it; timers fire in time order. */
export class SimulatedClock implements Clock {
  time = 0;
  #timers: { at: number; callback: () => void; id: number }[] = [];
  #nextId = 0;

  now = (): number => this.time;

  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = ++this.#nextId;
    this.#timers.push({ at: this.time + Math.max(0, ms), callback, id });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.#timers = this.#timers.filter((timer) => timer.id !== handle);
  };

  /**
   * Moves time forward, firing due timers in order. Promise callbacks run before time moves and
   * between timers, so that work already under way (a store answering with a promise) sets its
   * timers at the time it would in real life, before the clock jumps past them.
   */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flushMicrotasks();
      this.#timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.#timers[0];
      if (!next || next.at > end) break;
      this.#timers.shift();
      this.time = next.at;
      next.callback();
    }
    this.time = end;
    await flushMicrotasks();
  }
}

/** Runs every queued promise callback, however long the chain (a store that answers with a promise adds links). */
export async function flushMicrotasks(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

/** Lets every pending promise and I/O-free callback run, streams included (timers are not involved). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}
