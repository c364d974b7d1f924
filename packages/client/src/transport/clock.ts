/** Time, injectable so that tests can run the limiter and backoff on a simulated clock. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const precise = (globalThis as { performance?: { timeOrigin: number; now(): number } }).performance;

export const systemClock: Clock = {
  // Sub-millisecond where the runtime has it: a limiter stamping whole milliseconds can let a
  // request reach a server a fraction of a millisecond before its window allows.
  now: precise ? () => precise.timeOrigin + precise.now() : () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
