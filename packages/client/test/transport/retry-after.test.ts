import { describe, expect, it } from "vitest";
import { readRetryAfterMs } from "../../src/transport/retry-after.js";

const now = Date.UTC(2026, 0, 1);
const read = (value: string, name = "retry-after") => readRetryAfterMs(new Headers({ [name]: value }), now);

describe("readRetryAfterMs", () => {
  it("reads seconds, milliseconds and an HTTP date", () => {
    expect(read("2")).toBe(2000);
    expect(read(" 1.5 ")).toBe(1500);
    expect(read("120", "retry-after-ms")).toBe(120);
    expect(read(new Date(now + 5000).toUTCString())).toBe(5000);
    expect(read(new Date(now - 5000).toUTCString())).toBe(0);
  });

  it.each(["-5", "0x10", "1e3", "Infinity", "", "soon", "5 s"])(
    "an unreadable Retry-After %j is ignored (backoff as usual), never a wait of 0 or a guessed date",
    (value) => {
      expect(read(value)).toBeUndefined();
    },
  );
});
