export interface BackoffOptions {
  /** The first retry's upper bound. */
  initialDelayMs: number;
  /** No computed delay exceeds this. */
  maxDelayMs: number;
}

export const defaultBackoff: BackoffOptions = { initialDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Delay before retry number `retry` (1 for the first retry): exponential with full jitter,
 * a uniform draw from [0, min(maxDelayMs, initialDelayMs × 2^(retry-1))).
 */
export function backoffDelay(
  retry: number,
  options: BackoffOptions = defaultBackoff,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
