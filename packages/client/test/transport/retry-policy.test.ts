import { describe, expect, it } from "vitest";
import { ConnectionError, type RetryEvent } from "../../src/index.js";
import { createLogSink } from "../../src/logging/logger.js";
import { AttemptFailure } from "../../src/transport/attempt-failure.js";
import { retryPolicy } from "../../src/transport/retry-policy.js";
import { SimulatedClock, settle } from "../simulated-clock.js";
import { crmRequest, recordingNext } from "./request.js";

const quiet = createLogSink(console, "off", (text) => text);

function policy(clock: SimulatedClock, events: RetryEvent[] = []) {
  return retryPolicy({ clock, hooks: { onRetry: (event) => events.push(event) }, log: quiet, random: () => 0.5 });
}

describe("retryPolicy", () => {
  it("sends again after the decided delay, on the injected clock, and reports each retry", async () => {
    const clock = new SimulatedClock();
    const events: RetryEvent[] = [];
    const { next, seen } = recordingNext((_request, call) => new Response(null, { status: call === 1 ? 503 : 200 }));
    const request = crmRequest();
    const result = policy(clock, events)(request, next);
    await settle();
    expect(seen).toHaveLength(1);
    await clock.advance(250);
    expect((await result).status).toBe(200);
    expect(request.trace.attempts).toBe(2);
    expect(events).toEqual([{ method: "GET", path: "/api/v1/people", attempt: 1, reason: 503, delayMs: 250 }]);
  });

  it("gives up on a POST whose connection failed after it may have arrived, with a ConnectionError", async () => {
    const clock = new SimulatedClock();
    const reset = new Error("socket hang up");
    const { next, seen } = recordingNext(() => {
      throw new AttemptFailure({ timedOut: false, answered: false, neverSent: false }, { cause: reset });
    });
    const error = await policy(clock)(crmRequest({ method: "POST" }), next).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toBe(reset);
    expect(seen).toHaveLength(1);
  });

  it("reports a DELETE that gets 404 after a lost response as deleted (204)", async () => {
    const clock = new SimulatedClock();
    const { next } = recordingNext((_request, call) => new Response(null, { status: call === 1 ? 502 : 404 }));
    const result = policy(clock)(crmRequest({ method: "DELETE" }), next);
    await settle();
    await clock.advance(250);
    const response = await result;
    expect(response.status).toBe(204);
    expect(response.headers.get("engagifii-deleted-by-earlier-attempt")).toBe("true");
  });
});
