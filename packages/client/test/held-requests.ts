import { settle } from "./simulated-clock.js";

/**
 * Requests a fake API holds until the test lets them go, in the order the test picks: for
 * behaviour that depends on how many requests are in flight, or on the order their answers
 * arrive in, with no timer and no wall clock.
 */
export class HeldRequests<Key> {
  #held: { key: Key; release: () => void }[] = [];

  /** Called by a fake API's route: resolves once the test releases this request. */
  hold(key: Key): Promise<void> {
    return new Promise((release) => this.#held.push({ key, release }));
  }

  /**
   * Lets everything else run, then releases every request held (in the order `compare` sorts
   * their keys, else in the order they came), again and again until no request is held after
   * the rest has run. Returns the most requests held at once.
   */
  async releaseUntilIdle(compare?: (a: Key, b: Key) => number): Promise<number> {
    let most = 0;
    for (;;) {
      await settle();
      if (this.#held.length === 0) return most;
      most = Math.max(most, this.#held.length);
      const batch = this.#held.splice(0);
      if (compare) batch.sort((a, b) => compare(a.key, b.key));
      for (const { release } of batch) release();
    }
  }
}
