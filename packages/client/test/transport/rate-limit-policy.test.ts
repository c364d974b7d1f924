import { describe, expect, it } from "vitest";
import { RateLimitError } from "../../src/index.js";
import { rateLimitPolicy } from "../../src/transport/rate-limit-policy.js";
import { RateLimiter } from "../../src/transport/rate-limiter.js";
import { SimulatedClock, settle } from "../simulated-clock.js";
import { crmRequest, recordingNext } from "./request.js";

describe("rateLimitPolicy", () => {
  it("gives the place back when the rest of the pipeline throws", async () => {
    const clock = new SimulatedClock();
    const limiter = new RateLimiter({ requests: 1, intervalMs: 1000 }, clock);
    const policy = rateLimitPolicy({ limiter, clock, hooks: {} });
    await expect(
      policy(crmRequest(), async () => {
        throw new Error("broken");
      }),
    ).rejects.toThrow("broken");
    const { next, seen } = recordingNext(() => new Response(null));
    const second = policy(crmRequest(), next);
    await clock.advance(1000);
    await second;
    expect(seen).toHaveLength(1);
  });

  it("a 429 pauses the limiter for its Retry-After; a request that cannot wait that long fails at once", async () => {
    const clock = new SimulatedClock();
    const limiter = new RateLimiter({ requests: 100, intervalMs: 1000 }, clock);
    const policy = rateLimitPolicy({ limiter, clock, hooks: {} });
    const { next } = recordingNext(() => new Response(null, { status: 429, headers: { "retry-after": "10" } }));
    await policy(crmRequest(), next);
    expect(limiter.pausedForMs()).toBe(10_000);
    const impatient = await policy(crmRequest({ settings: { deadline: 5_000 } }), next).catch(
      (caught: unknown) => caught,
    );
    expect(impatient).toBeInstanceOf(RateLimitError);
    expect((impatient as RateLimitError).retryAfterMs).toBe(10_000);
    const patient = policy(crmRequest(), recordingNext(() => new Response(null)).next);
    await settle();
    await clock.advance(10_000);
    expect((await patient).status).toBe(200);
  });
});
