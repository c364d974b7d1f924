import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";
import { bearer, guideSpec, personId, pingSpec } from "./helpers.js";

function listenOn(port: number, host = "127.0.0.1"): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

describe("startMockServer", () => {
  let mock: MockServer;

  beforeAll(async () => {
    const started = performance.now();
    mock = await startMockServer({ spec: guideSpec });
    // A speed goal (< 2 s) belongs in a benchmark; here it is only reported.
    console.info(`mock server started in ${Math.round(performance.now() - started)} ms at ${mock.url}`);
  });

  afterAll(async () => {
    await mock?.stop();
  });

  it("reports a loopback URL with the port it bound", () => {
    expect(mock.port).toBeGreaterThan(0);
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
  });

  it("issues a token for a form-encoded client-credentials request", async () => {
    const response = await fetch(`${mock.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "test", client_secret: "test" }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as { access_token?: unknown };
    expect(typeof body.access_token).toBe("string");
  });

  it("lists people when both the bearer token and tenant-code are present", async () => {
    const response = await fetch(`${mock.url}/api/v1/people`, { headers: bearer });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: unknown };
    expect(Array.isArray(body.data)).toBe(true);
  });

  it("answers 401 without tenant-code", async () => {
    const { "tenant-code": _tenant, ...headers } = bearer;
    const response = await fetch(`${mock.url}/api/v1/people`, { headers });
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });

  it("answers 401 without Authorization", async () => {
    const { authorization: _authorization, ...headers } = bearer;
    const response = await fetch(`${mock.url}/api/v1/people`, { headers });
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });

  it("answers 400 with an sl-violations header for a request that breaks the schema", async () => {
    const response = await fetch(`${mock.url}/api/v1/people`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toBeTruthy();
    await response.body?.cancel();
  });

  it("forces a status with Prefer: code=429", async () => {
    const response = await fetch(`${mock.url}/api/v1/people`, { headers: { ...bearer, prefer: "code=429" } });
    expect(response.status).toBe(429);
    await response.body?.cancel();
  });

  it("picks a named example with Prefer: example=<name>", async () => {
    const response = await fetch(`${mock.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", prefer: "code=400, example=invalidRequest" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "test", client_secret: "test" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
  });

  it("forces a 404 for one person with Prefer: code=404", async () => {
    const response = await fetch(`${mock.url}/api/v1/people/${personId}`, {
      headers: { ...bearer, prefer: "code=404" },
    });
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });
});

describe("startMockServer options", () => {
  it("serves the document given in spec instead of the packaged one", async () => {
    const mock = await startMockServer({ spec: pingSpec });
    try {
      const ping = await fetch(`${mock.url}/ping`);
      expect(ping.status).toBe(200);
      expect(await ping.json()).toEqual({ pong: true });
      const people = await fetch(`${mock.url}/api/v1/people`, { headers: bearer });
      expect(people.status).toBe(404);
      await people.body?.cancel();
    } finally {
      await mock.stop();
    }
  });

  it("generates bodies from the schemas with dynamic, the same ones for the same seed", async () => {
    const mock = await startMockServer({ spec: guideSpec, dynamic: true, seed: "engagifii" });
    try {
      const bodies = [];
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await fetch(`${mock.url}/api/v1/people`, { headers: bearer });
        expect(response.status).toBe(200);
        bodies.push(await response.json());
      }
      expect(Array.isArray((bodies[0] as { data?: unknown }).data)).toBe(true);
      expect(bodies[1]).toEqual(bodies[0]);
    } finally {
      await mock.stop();
    }
  });

  it("rejects with one line when the spec file does not exist", async () => {
    const attempt = startMockServer({ spec: "test/fixtures/missing.yaml" });
    await expect(attempt).rejects.toThrow(
      /^Cannot load the OpenAPI document test\/fixtures\/missing\.yaml: [^\n]*ENOENT[^\n]*$/,
    );
  });
});

describe("startMockServer lifecycle", () => {
  it("frees its port on stop(), and a second stop() is harmless", async () => {
    const mock = await startMockServer({ spec: guideSpec });
    await mock.stop();
    await mock.stop();
    const rebound = await listenOn(mock.port);
    await close(rebound);
  });

  it("rejects with one line when the port is already in use", async () => {
    const blocker = await listenOn(0);
    try {
      const address = blocker.address();
      if (address === null || typeof address === "string") throw new Error("expected a TCP address");
      const attempt = startMockServer({ spec: guideSpec, port: address.port });
      await expect(attempt).rejects.toThrow(new Error(`Port ${address.port} on 127.0.0.1 is already in use`));
    } finally {
      await close(blocker);
    }
  });

  it("rejects an out-of-range port before loading the spec", async () => {
    await expect(startMockServer({ spec: guideSpec, port: 99999 })).rejects.toThrow(
      "Invalid port 99999: expected an integer from 0 to 65535",
    );
  });
});
