// The demo's output helpers: colour only on a terminal without NO_COLOR, a progress bar redrawn
// in place on a terminal and plain lines in a log, and no secret in a recorded exchange.
import { describe, expect, it } from "vitest";
import { createProgress } from "../src/demo/progress.js";
import { createRecorder, type Exchange } from "../src/demo/recorder.js";
import { createStyle } from "../src/demo/style.js";

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, out: { isTTY, write: (text: string) => chunks.push(text) } };
}

describe("createStyle", () => {
  it("colours only on a terminal, and not when NO_COLOR is set", () => {
    expect(createStyle(true, {}).green("ok")).toBe("\u001b[32mok\u001b[39m");
    expect(createStyle(true, { NO_COLOR: "1" }).green("ok")).toBe("ok");
    expect(createStyle(true, { TERM: "dumb" }).green("ok")).toBe("ok");
    expect(createStyle(false, {}).green("ok")).toBe("ok");
  });
});

describe("createProgress", () => {
  it("redraws one line with \\r on a terminal", () => {
    const { chunks, out } = capture(true);
    const progress = createProgress(out, 4, "people");
    progress.update(2, 1);
    progress.finish(4, 2);
    expect(chunks).toEqual([
      `\r  [${"█".repeat(12)}${"░".repeat(12)}] 2/4 people · 1 page\u001b[K`,
      `\r  [${"█".repeat(24)}] 4/4 people · 2 pages\u001b[K\n`,
    ]);
  });

  it("writes plain lines in a log, without \\r or escape codes", () => {
    const { chunks, out } = capture(false);
    const progress = createProgress(out, undefined, "people");
    progress.update(200, 1); // within the first second: not logged
    progress.finish(350, 2);
    expect(chunks).toEqual(["  fetched 350 people · 2 pages\n"]);
  });
});

describe("createRecorder", () => {
  it("keeps neither the client secret nor the access token", async () => {
    const tokenEndpoint = async () =>
      Response.json({ access_token: "the-token", token_type: "Bearer", expires_in: 3600, scope: "api:read" });
    const recorder = createRecorder(tokenEndpoint);
    const exchanges: Exchange[] = [];
    recorder.listen((exchange) => exchanges.push(exchange));
    await recorder.fetch(
      new Request("http://127.0.0.1:1/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials&client_id=the-client&client_secret=the-secret",
      }),
    );
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({
      method: "POST",
      target: "/oauth/token",
      requestBody: "grant_type=client_credentials (client_id, client_secret not shown)",
      responseBody: { token_type: "Bearer", expires_in: 3600, scope: "api:read" },
    });
    expect(JSON.stringify(exchanges)).not.toMatch(/the-token|the-secret|the-client/);
  });
});
