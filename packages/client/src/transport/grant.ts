/** A place in the window, held by one request from its grant until `release()`. */
export class Grant {
  #released = false;

  constructor(
    readonly limiter: { release(slot: string | undefined): void },
    readonly slot: string | undefined,
    /** How long the request waited for its place. */
    readonly waitedMs: number,
  ) {}

  /** The request has its answer: its place frees `intervalMs` from now. Calling it again does nothing. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.limiter.release(this.slot);
  }
}
