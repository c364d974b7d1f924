/**
 * The client secret and the access tokens stay where they belong: in the token request's body
 * and in the Authorization header sent to baseUrl's origin. Never in a log line (at debug
 * level), a hook payload, or any rendering of a thrown error and its causes; never to another
 * origin, even when the API redirects there.
 */
import { describe, expect, it } from "vitest";
import { AuthenticationError, CrmError, ServerError } from "../../src/index.js";
import { clientSecret, fakeApi, options } from "../fake-api.js";
import { createTransportClient } from "../fixtures/transport-client.js";
import { type FaultServer, personId, type RecordedRequest, tokenPath } from "./fault-server.js";
import { useFaultServers } from "./harness.js";
import { type Exposure, exposedClient, leaks, secretsOf } from "./secrets.js";

const server = useFaultServers();

const person = { firstName: "Jane", lastName: "Smith", email: "jane@example.com" };
const quick = { "retry-after-ms": "1" };

interface Scenario {
  name: string;
  /** The error classes the calls should raise, in order (none for a scenario that succeeds). */
  errors: string[];
  run(): Promise<{
    servers: FaultServer[];
    exposure: ReturnType<typeof exposedClient>["exposure"];
    /** Secrets the servers never saw (a token the client refused to send). */
    secrets?: string[];
  }>;
}

const scenarios: Scenario[] = [
  {
    name: "success with a 503 retry, a revoked token and its 401 replay",
    errors: [],
    async run() {
      const api = await server();
      const { crm, exposure, attempt } = exposedClient(api);
      api.script({ path: "/api/v1/people" }, { kind: "status", status: 503, headers: quick });
      await attempt(() => crm.people.list());
      api.revokeTokens();
      await attempt(() => crm.people.create(person));
      return { servers: [api], exposure };
    },
  },
  {
    name: "token endpoint 401 with an OAuth error body",
    errors: ["AuthenticationError"],
    async run() {
      const api = await server();
      api.script(
        { path: tokenPath },
        {
          kind: "status",
          status: 401,
          body: { error: "invalid_client", error_description: "Client authentication failed." },
        },
      );
      const { crm, exposure, attempt } = exposedClient(api);
      await attempt(() => crm.people.list());
      return { servers: [api], exposure };
    },
  },
  {
    name: "token endpoint times out",
    errors: ["TimeoutError"],
    async run() {
      const api = await server();
      api.script({ path: tokenPath }, { kind: "hang" }, Infinity);
      const { crm, exposure, attempt } = exposedClient(api, { timeoutMs: 150, maxRetries: 1 });
      await attempt(() => crm.people.list());
      return { servers: [api], exposure };
    },
  },
  {
    name: "API 401 on every attempt (two tokens issued)",
    errors: ["AuthenticationError"],
    async run() {
      const api = await server();
      api.script(
        { path: /^\/api\// },
        { kind: "status", status: 401, body: { title: "Unauthorized", status: 401 } },
        Infinity,
      );
      const { crm, exposure, attempt } = exposedClient(api);
      await attempt(() => crm.people.get(personId(1)));
      return { servers: [api], exposure };
    },
  },
  {
    name: "API 500 on every attempt",
    errors: ["ServerError"],
    async run() {
      const api = await server();
      api.script(
        { path: /^\/api\// },
        { kind: "status", status: 500, headers: quick, body: { title: "Internal Server Error", status: 500 } },
        Infinity,
      );
      const { crm, exposure, attempt } = exposedClient(api);
      await attempt(() => crm.people.list());
      return { servers: [api], exposure };
    },
  },
  {
    name: "connection reset, then connection refused",
    errors: ["ConnectionError", "ConnectionError"],
    async run() {
      const api = await server();
      api.script({ path: /^\/api\// }, { kind: "reset-before-headers" }, Infinity);
      const { crm, exposure, attempt } = exposedClient(api, { maxRetries: 1 });
      await attempt(() => crm.people.list());
      await api.down();
      await attempt(() => crm.people.create(person));
      return { servers: [api], exposure };
    },
  },
  {
    name: "attempt timeouts",
    errors: ["TimeoutError"],
    async run() {
      const api = await server();
      api.script({ path: /^\/api\// }, { kind: "hang" }, Infinity);
      const { crm, exposure, attempt } = exposedClient(api, { timeoutMs: 150, maxRetries: 1 });
      await attempt(() => crm.people.list());
      return { servers: [api], exposure };
    },
  },
  {
    name: "validation error (400 with field errors)",
    errors: ["ValidationError"],
    async run() {
      const api = await server();
      api.script(
        { path: /^\/api\// },
        {
          kind: "status",
          status: 400,
          body: { title: "One or more validation errors occurred.", status: 400, errors: { email: ["is invalid"] } },
        },
      );
      const { crm, exposure, attempt } = exposedClient(api);
      await attempt(() => crm.people.create(person));
      return { servers: [api], exposure };
    },
  },
  {
    name: "malformed JSON and a 429 with a long Retry-After",
    errors: ["InvalidResponseError", "RateLimitError"],
    async run() {
      const api = await server();
      api.script({ path: /^\/api\// }, { kind: "malformed-json" });
      api.script({ path: /^\/api\// }, { kind: "status", status: 429, headers: { "retry-after": "3600" } });
      const { crm, exposure, attempt } = exposedClient(api);
      await attempt(() => crm.people.list());
      await attempt(() => crm.people.list());
      return { servers: [api], exposure };
    },
  },
  {
    name: "token endpoint 401 whose error_description repeats the client secret",
    errors: ["AuthenticationError"],
    async run() {
      const api = await server();
      api.script(
        { path: tokenPath },
        {
          kind: "status",
          status: 401,
          body: { error: "invalid_client", error_description: `client_secret '${api.clientSecret}' is not valid` },
        },
      );
      const { crm, exposure, attempt } = exposedClient(api);
      await attempt(() => crm.people.list());
      return { servers: [api], exposure };
    },
  },
  {
    name: "API 500 whose body repeats the request's Authorization header",
    errors: ["ServerError"],
    async run() {
      const api = await server();
      const { crm, exposure, attempt } = exposedClient(api, { maxRetries: 0 });
      await attempt(() => crm.people.get(personId(1))); // gets the token the next request carries
      api.script(
        { path: /^\/api\// },
        {
          kind: "status",
          status: 500,
          body: { title: "Internal Server Error", detail: `request had Authorization: Bearer ${api.issuedTokens[0]}` },
        },
      );
      await attempt(() => crm.people.get(personId(1)));
      return { servers: [api], exposure };
    },
  },
  {
    name: "a caller's token function returning a token with a LF inside",
    errors: ["AuthenticationError"],
    async run() {
      const api = await server();
      const token = `token-from-a-vault-${api.port}\nsecond-line`;
      const { crm, exposure, attempt } = exposedClient(api, { accessToken: async () => token });
      await attempt(() => crm.people.list());
      expect(api.requests).toEqual([]);
      return { servers: [api], exposure, secrets: [token, "token-from-a-vault"] };
    },
  },
  {
    name: "a caller's own access token, refused with 401",
    errors: ["AuthenticationError"],
    async run() {
      const api = await server();
      const { crm, exposure, attempt } = exposedClient(api, {
        accessToken: `caller-held-token-${api.port}-${Date.now()}`,
      });
      await attempt(() => crm.people.list());
      return { servers: [api], exposure };
    },
  },
];

describe("secrets never reach logs, hooks or errors", () => {
  it.each(scenarios)("$name", async (scenario) => {
    const { servers: used, exposure, secrets: extra = [] } = await scenario.run();
    const secrets = [
      ...used.flatMap((one) => [
        ...secretsOf(one.clientSecret, one.issuedTokens),
        ...secretsOf(undefined, callerTokens(one)),
      ]),
      ...secretsOf(undefined, extra),
    ];
    expect(secrets.length).toBeGreaterThan(0);
    if (used.some((one) => one.requests.length > 0))
      expect(exposure.logs.length, "debug logging captured nothing: the check would prove nothing").toBeGreaterThan(0);
    expect(exposure.errors.map((error) => (error as Error).name)).toEqual(scenario.errors);
    for (const error of exposure.errors) expect(error).toBeInstanceOf(CrmError);
    expect(leaks(exposure, secrets)).toEqual([]);
  });

  it("a token endpoint refusal still explains itself (the OAuth error), without the secret", async () => {
    const api = await server();
    api.script(
      { path: tokenPath },
      { kind: "status", status: 401, body: { error: "invalid_client", error_description: "Unknown client." } },
    );
    const { crm, exposure, attempt } = exposedClient(api);
    await attempt(() => crm.people.list());
    const [error] = exposure.errors;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ oauthError: "invalid_client", status: 401 });
    expect(leaks(exposure, secretsOf(api.clientSecret, []))).toEqual([]);
  });
});

/** A caller-held token (the accessToken option) as the server saw it. */
function callerTokens(server: FaultServer): string[] {
  return server
    .apiRequests()
    .map((request) => /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1])
    .filter((token): token is string => token !== undefined && !server.issuedTokens.includes(token));
}

function headerText(request: RecordedRequest): string {
  return `${request.method} ${request.target}\n${JSON.stringify(request.headers)}`;
}

describe("secrets go only where they belong", () => {
  it("sends the client secret only in the token request's body, and the token only to baseUrl's origin", async () => {
    const api = await server();
    const { crm, attempt } = exposedClient(api);
    api.script({ path: "/api/v1/people" }, { kind: "status", status: 503, headers: quick });
    await attempt(() => crm.people.list());
    api.revokeTokens();
    await attempt(() => crm.people.create(person));
    await attempt(() => crm.people.delete(personId(3)));

    expect(api.tokenRequests()).toHaveLength(2);
    for (const request of api.requests) {
      expect(headerText(request)).not.toContain(api.clientSecret);
      if (request.path === tokenPath) {
        expect(new URLSearchParams(request.body).get("client_secret")).toBe(api.clientSecret);
        expect(request.headers.authorization).toBeUndefined();
      } else {
        expect(request.body).not.toContain(api.clientSecret);
        expect(api.issuedTokens.map((token) => `Bearer ${token}`)).toContain(request.headers.authorization);
      }
    }
  });

  // Node's fetch (undici) drops Authorization when a redirect leaves the origin (Fetch standard, 4.4 HTTP-redirect fetch).
  it.each([
    ["another loopback address", "other-host"],
    ["localhost on another port", "localhost"],
    ["the same host on another port", "other-port"],
  ] as const)("a redirect to %s carries no Authorization", async (_name, target) => {
    const api = await server();
    const foreign = await server({
      open: true,
      ...(target === "localhost" ? { host: "127.0.0.1" } : target === "other-port" ? { host: api.host } : {}),
    });
    const location =
      target === "localhost" ? `http://localhost:${foreign.port}/api/v1/people` : `${foreign.url}/api/v1/people`;
    api.script({ method: "GET", path: "/api/v1/people" }, { kind: "redirect", location, status: 302 });
    // A 307 keeps the method and the body.
    api.script({ method: "POST", path: "/api/v1/people" }, { kind: "redirect", location, status: 307 });
    api.script(
      { method: "DELETE", path: /^\/api\/v1\/people\// },
      { kind: "redirect", location: `${location}/${personId(2)}`, status: 307 },
    );
    const { crm, exposure, attempt } = exposedClient(api);

    await attempt(() => crm.people.list());
    await attempt(() => crm.people.create(person));
    await attempt(() => crm.people.delete(personId(2)));

    expect(exposure.errors).toEqual([]);
    expect(foreign.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "GET /api/v1/people",
      "POST /api/v1/people",
      `DELETE /api/v1/people/${personId(2)}`,
    ]);
    expect(JSON.parse(foreign.requests[1]?.body ?? "null")).toEqual(person);
    const secrets = secretsOf(api.clientSecret, api.issuedTokens);
    for (const request of foreign.requests) {
      expect(request.headers.authorization).toBeUndefined();
      for (const secret of secrets) {
        expect(headerText(request)).not.toContain(secret);
        expect(request.body).not.toContain(secret);
      }
    }
    expect(api.apiRequests().every((request) => request.headers.authorization?.startsWith("Bearer "))).toBe(true);
  });
});

describe("a secret a server echoes back in another encoding is removed (injected fetch)", () => {
  // The encodings a server, a proxy or a framework's error page may wrap around a value it quotes.
  const encodings: [string, (secret: string) => string][] = [
    ["JSON \\u escapes (upper-case hex)", (secret) => [...secret].map((c) => `\\u${hex4(c).toUpperCase()}`).join("")],
    ["JSON \\u escapes (lower-case hex)", (secret) => [...secret].map((c) => `\\u${hex4(c)}`).join("")],
    ["JSON with \\/", (secret) => secret.replaceAll("/", "\\/")],
    ["percent-encoding", (secret) => encodeURIComponent(secret)],
    [
      "percent-encoding, lower-case hex",
      (secret) => encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    ],
    ["form encoding", (secret) => new URLSearchParams({ client_secret: secret }).toString()],
    ["base64", (secret) => btoa(secret)],
    ["base64url", (secret) => Buffer.from(secret).toString("base64url")],
    ["Basic credentials", (secret) => `Basic ${btoa(`client-id:${secret}`)}`],
    ["HTML character references", (secret) => [...secret].map((c) => `&#${c.charCodeAt(0)};`).join("")],
  ];
  const secret = `${clientSecret}+/ =&`; // every character a form, a URL or JSON treats specially

  it.each(encodings)("%s, in the error body and everything rendered from it", async (_name, encode) => {
    const echoed = encode(secret);
    const raw = `{"title":"Bad client","detail":"you sent ${echoed.replaceAll('"', '\\"')}"}`;
    const api = fakeApi(() => new Response(raw, { status: 500, headers: { "content-type": "application/json" } }));
    const exposure: Exposure = { logs: [], hooks: [], errors: [] };
    const line = (message: string) => void exposure.logs.push(message);
    const crm = createTransportClient({
      ...options(api.fetch),
      clientSecret: secret,
      maxRetries: 0,
      logLevel: "debug",
      logger: { error: line, warn: line, info: line, debug: line },
    });
    await crm.people.list().catch((error: unknown) => exposure.errors.push(error));
    expect(exposure.errors.map((error) => (error as Error).name)).toEqual(["ServerError"]);
    expect(JSON.stringify((exposure.errors[0] as ServerError).body)).toContain("[redacted]");
    expect(leaks(exposure, [secret, echoed, JSON.parse(`"${echoed.replaceAll('"', '\\"')}"`)])).toEqual([]);
  });

  it("keeps the client secret after many token rotations (it used to be evicted after 16 tokens)", async () => {
    let calls = 0;
    // Every call's first attempt gets a 401, so that each call rotates the token; the last call's server echoes the secret.
    const api = fakeApi((_request, attempt) => {
      if (attempt % 2 === 1) return Response.json({ title: "Unauthorized" }, { status: 401 });
      if (++calls <= 20) return Response.json([]);
      return Response.json(
        { title: "Oops", detail: `client_secret=${encodeURIComponent(clientSecret)}` },
        { status: 500 },
      );
    });
    const crm = createTransportClient({ ...options(api.fetch), maxRetries: 0 });
    for (let call = 0; call < 20; call++) await crm.GET("/api/v1/people");
    const error = await crm.people.list().catch((caught: unknown) => caught);
    expect(api.tokenRequests().length).toBeGreaterThan(20);
    expect(error).toBeInstanceOf(ServerError);
    expect(leaks({ logs: [], hooks: [], errors: [error] }, [clientSecret])).toEqual([]);
    expect((error as ServerError).body).toEqual({ title: "Oops", detail: "client_secret=[redacted]" });
  });
});

function hex4(character: string): string {
  return character.charCodeAt(0).toString(16).padStart(4, "0");
}
