import { afterEach, describe, expect, it } from "vitest";
import { theoreticalMinimumMs } from "../src/limited-run.js";
import { type LoopbackServer, startLoopbackServer } from "../src/loopback-server.js";

describe("theoreticalMinimumMs", () => {
  it("lets the first window go at once and each further window one interval later", () => {
    expect(theoreticalMinimumMs(100, { requests: 100, intervalMs: 600 })).toBe(0);
    expect(theoreticalMinimumMs(101, { requests: 100, intervalMs: 600 })).toBe(600);
    expect(theoreticalMinimumMs(3_000, { requests: 100, intervalMs: 600 })).toBe(17_400);
    expect(theoreticalMinimumMs(600, { requests: 100, intervalMs: 6_000 })).toBe(30_000);
  });
});

describe("the limited loopback server", () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());

  it("answers 429 with Retry-After beyond its limit and does not count refused requests", async () => {
    server = await startLoopbackServer({ kind: "limited", requests: 2, intervalMs: 60_000 });
    const url = `http://127.0.0.1:${server.port}/api/v1/people`;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let index = 0; index < 4; index++) {
      const response = await fetch(url);
      await response.arrayBuffer();
      statuses.push(response.status);
      retryAfter = response.headers.get("retry-after");
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(59);
    expect(server.stats()).toEqual({ ok: 2, tooMany: 2, maxInWindow: 4 });
  });
});
