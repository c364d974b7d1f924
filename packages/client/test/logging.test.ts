import { describe, expect, it } from "vitest";
import type { Logger } from "../src/index.js";
import { clientSecret, fakeApi, options, page } from "./fake-api.js";
import { createTransportClient } from "./fixtures/transport-client.js";

function capture() {
  const lines: { level: string; message: string }[] = [];
  const logger: Logger = {
    error: (message) => lines.push({ level: "error", message }),
    warn: (message) => lines.push({ level: "warn", message }),
    info: (message) => lines.push({ level: "info", message }),
    debug: (message) => lines.push({ level: "debug", message }),
  };
  return { logger, lines };
}

describe("logging", () => {
  it("writes one info line per request: method, path, status, attempt, duration, request id", async () => {
    const { logger, lines } = capture();
    const api = fakeApi(() => page([], 0, 0, 50));
    await createTransportClient({ ...options(api.fetch), logger, logLevel: "info" }).GET("/api/v1/people");
    // The token request is a request too, and gets its own line.
    expect(lines.map((line) => line.level)).toEqual(["info", "info"]);
    expect(lines[0]?.message).toMatch(
      /^\[engagifii-crm\] POST \/oauth\/token 200 attempt=1 duration=\d+ms request-id=[0-9a-f-]{36}$/,
    );
    expect(lines[1]?.message).toMatch(
      /^\[engagifii-crm\] GET \/api\/v1\/people 200 attempt=1 duration=\d+ms request-id=[0-9a-f-]{36}$/,
    );
  });

  it("is silent at the default level for successful requests, and off means off", async () => {
    const quiet = capture();
    const api = fakeApi(() => page([], 0, 0, 50));
    await createTransportClient({ ...options(api.fetch), logger: quiet.logger }).GET("/api/v1/people");
    await createTransportClient({ ...options(api.fetch), logger: quiet.logger, logLevel: "off" }).GET("/api/v1/people");
    expect(quiet.lines).toHaveLength(0);
  });

  it("takes the level from ENGAGIFII_LOG", async () => {
    const { logger, lines } = capture();
    const api = fakeApi(() => page([], 0, 0, 50));
    await createTransportClient({ ...options(api.fetch), logger, env: { ENGAGIFII_LOG: "debug" } }).GET(
      "/api/v1/people",
    );
    expect(lines.some((line) => line.level === "debug")).toBe(true);
  });

  it("never logs the secret, a token or an Authorization value at debug, even when a server echoes them", async () => {
    const { logger, lines } = capture();
    let issued = "";
    const api = fakeApi(
      (request, attempt) => {
        // A misbehaving proxy echoing the credentials back in an error body.
        if (attempt === 1)
          return new Response(`bad token ${request.headers.get("authorization")} ${clientSecret}`, {
            status: 503,
            headers: { "retry-after-ms": "1" },
          });
        return page([], 0, 0, 50);
      },
      () => {
        issued = "issued-access-token-0123456789";
        return Response.json({ access_token: issued, token_type: "Bearer", expires_in: 3600 });
      },
    );
    const hookPayloads: unknown[] = [];
    await createTransportClient({
      ...options(api.fetch),
      logger,
      logLevel: "debug",
      hooks: { onRetry: (event) => hookPayloads.push(event), onTokenRefresh: (event) => hookPayloads.push(event) },
    }).GET("/api/v1/people");
    const everything = JSON.stringify(lines) + JSON.stringify(hookPayloads);
    expect(lines.length).toBeGreaterThan(3);
    expect(everything).toContain("[redacted]");
    expect(everything).not.toContain(clientSecret);
    expect(everything).not.toContain(issued);
  });
});
