import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../../src/index.js";
import { createLogSink } from "../../src/logging/logger.js";
import { attemptPolicy } from "../../src/transport/attempt.js";
import { AttemptFailure } from "../../src/transport/attempt-failure.js";
import type { CrmRequest } from "../../src/transport/pipeline.js";
import { SimulatedClock, settle } from "../simulated-clock.js";
import { crmRequest } from "./request.js";

const quiet = createLogSink(console, "off", (text) => text);

/** Answers when the attempt's signal aborts, like fetch. */
const hang = (request: CrmRequest) =>
  new Promise<Response>((_resolve, reject) => {
    request.attemptSignal?.addEventListener("abort", () => reject(request.attemptSignal?.reason));
  });

describe("attemptPolicy", () => {
  it("fails a hanging attempt when its time is up, as a timed-out AttemptFailure", async () => {
    const clock = new SimulatedClock();
    const result = attemptPolicy(clock, quiet)(crmRequest({ settings: { timeoutMs: 100 } }), hang).catch(
      (caught: unknown) => caught,
    );
    await clock.advance(100);
    const failure = await result;
    expect(failure).toBeInstanceOf(AttemptFailure);
    expect((failure as AttemptFailure).detail).toMatchObject({ timedOut: true, answered: false });
  });

  it("hands back a buffered, readable copy of the response", async () => {
    const clock = new SimulatedClock();
    const response = await attemptPolicy(clock, quiet)(crmRequest(), async () => Response.json({ a: 1 }));
    expect(await response.json()).toEqual({ a: 1 });
  });

  it("refuses a body past maxResponseBytes, and a status outside 100–599", async () => {
    const clock = new SimulatedClock();
    const small = crmRequest({ settings: { maxResponseBytes: 4 } });
    await expect(attemptPolicy(clock, quiet)(small, async () => new Response("12345"))).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
    const odd = Object.defineProperty(new Response(null), "status", { value: 42 });
    await expect(attemptPolicy(clock, quiet)(crmRequest(), async () => odd)).rejects.toThrow("outside 100–599");
  });

  it("with stream, resolves at the headers and leaves the body to the caller", async () => {
    const clock = new SimulatedClock();
    const body = new ReadableStream({ start: (controller) => controller.enqueue(new Uint8Array([1])) });
    const request = crmRequest({ settings: { stream: true, timeoutMs: 10 } });
    const response = await attemptPolicy(clock, quiet)(request, async () => new Response(body));
    await clock.advance(1000);
    await settle();
    expect(response.bodyUsed).toBe(false);
  });
});
