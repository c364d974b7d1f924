import { type CrmClientOptions, createCrmClient } from "@engagifii/crm-client";
import type { ServerStats } from "./loopback-server.js";
import { spawnServer } from "./spawn-server.js";

export const total = 3_000;
export const limit = { requests: 100, intervalMs: 600 };

/**
 * The fastest any client can finish against a sliding window that starts empty: requests
 * 1…L go at t = 0, request k at ⌊(k−1)/L⌋ × W (the moment request k−L leaves the window), so the
 * last one goes at (⌈N/L⌉ − 1) × W. For N = 3000, L = 100, W = 600 ms that is 29 × 600 = 17,400 ms,
 * plus one round trip for its answer (well under a millisecond on loopback, ignored).
 */
export function theoreticalMinimumMs(requests: number, perWindow: number, windowMs: number): number {
  return (Math.ceil(requests / perWindow) - 1) * windowMs;
}

export interface PacingOutcome {
  elapsedMs: number;
  failed: number;
  serverPauses: number;
  limiterWaits: number;
  stats: ServerStats;
}

/**
 * Sends `total` GETs at once through a client built with `options` to a server that enforces
 * `limit` per sliding window, and reports what the server saw.
 */
export async function pace(
  options: Pick<CrmClientOptions, "rateLimit" | "fetch"> = { rateLimit: limit },
): Promise<PacingOutcome> {
  const server = await spawnServer({ kind: "limited", ...limit });
  let serverPauses = 0;
  let limiterWaits = 0;
  try {
    const crm = createCrmClient({
      ...options,
      baseUrl: server.url,
      tenantCode: "bench",
      accessToken: "bench-token",
      env: {},
      hooks: {
        onRateLimit: (event) => {
          if (event.source === "server") serverPauses++;
          else limiterWaits++;
        },
      },
    });
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: total }, () => crm.GET("/api/v1/people", { params: { query: { pageSize: 1 } } })),
    );
    const elapsedMs = performance.now() - started;
    const failed = results.filter((result) => !result.response.ok).length;
    return { elapsedMs, failed, serverPauses, limiterWaits, stats: await server.stats() };
  } finally {
    await server.close();
  }
}
