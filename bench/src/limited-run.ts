import type { ServerStats } from "./loopback-server.js";
import type { SendOne } from "./peers/peer.js";
import { spawnServer } from "./spawn-server.js";

export interface Limit {
  requests: number;
  intervalMs: number;
}

/**
 * The fastest any client can finish N requests against a sliding window of L per W that starts
 * empty: requests 1…L go at t = 0, request k at ⌊(k−1)/L⌋ × W (when request k−L leaves the
 * window), so the last at (⌈N/L⌉ − 1) × W, plus one round trip (under a millisecond on loopback).
 */
export function theoreticalMinimumMs(requests: number, limit: Limit): number {
  return (Math.ceil(requests / limit.requests) - 1) * limit.intervalMs;
}

export interface LimitedRun {
  elapsedMs: number;
  /** Requests that rejected (after the client's own retries). */
  failed: number;
  /** Requests never started because the run passed `capMs`. */
  unsent: number;
  stats: ServerStats;
}

export interface LimitedRunOptions {
  limit: Limit;
  total: number;
  /** How many callers send at once, each starting its next request when the last one settles. */
  callers: number;
  /** Builds the sender once the server's address is known. */
  sender: (baseUrl: string) => SendOne;
  /** After this long no caller starts another request. */
  capMs: number;
}

/** Sends `total` requests from `callers` concurrent callers to a fresh server that enforces `limit`. */
export async function runAgainstLimit(options: LimitedRunOptions): Promise<LimitedRun> {
  const { limit, total, callers, capMs } = options;
  const server = await spawnServer({ kind: "limited", ...limit });
  try {
    const send = options.sender(server.url);
    let started = 0;
    let failed = 0;
    const begin = performance.now();
    const caller = async () => {
      while (started < total && performance.now() - begin < capMs) {
        started++;
        await send().catch(() => failed++);
      }
    };
    await Promise.all(Array.from({ length: Math.min(callers, total) }, caller));
    const elapsedMs = performance.now() - begin;
    return { elapsedMs, failed, unsent: total - started, stats: await server.stats() };
  } finally {
    await server.close();
  }
}
