/**
 * Hostile or invalid input: bad options fail at construction with a ConfigurationError naming
 * the option; path parameters cannot reach another endpoint; a CR or LF in any header value is
 * refused before anything is sent; invalid parameters come back from the API (here the Prism mock
 * on the spec) as a ValidationError with field details.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startMockServer } from "../../../mock-server/src/index.js";
import { ConfigurationError, ValidationError } from "../../src/index.js";
import { DOCUMENT_PATH } from "../fixtures/generate-transport-api.js";
import { createTransportClient, type TransportClient } from "../fixtures/transport-client.js";
import { declaredOptions, readmeOptions } from "./documented-options.js";
import { FaultServer } from "./fault-server.js";
import { captureUnhandledRejections, clientFor, settle, spyFetch } from "./harness.js";
import { optionCases } from "./option-cases.js";

const rejections = captureUnhandledRejections();
beforeAll(() => rejections.start());
afterAll(async () => {
  await settle(50);
  rejections.stop();
  expect(rejections.reasons.map(String)).toEqual([]);
});

describe("every option, wrong or unsafe, is refused at construction", () => {
  // The interface is the source of truth; the README table and the cases must each name every option.
  it("the README's options table lists every option of CrmClientOptions, and nothing else", () => {
    const declared = declaredOptions();
    expect(declared.length).toBeGreaterThan(10);
    expect(new Set(readmeOptions())).toEqual(new Set(declared));
    expect(readmeOptions()).toHaveLength(declared.length);
  });

  it("has cases for every option of CrmClientOptions", () => {
    // The mapped type in option-cases.ts already fails to compile without them; this guards the runtime table.
    expect(new Set(optionCases.map((candidate) => candidate.option.split(".")[0]))).toEqual(new Set(declaredOptions()));
  });

  it.each(optionCases.map((candidate) => [candidate.name, candidate] as const))("%s", (_name, candidate) => {
    const spy = spyFetch();
    let error: unknown;
    try {
      createTransportClient({
        ...candidate.options,
        fetch: candidate.option === "fetch" ? candidate.options.fetch : spy.fetch,
      } as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(candidate.option);
    expect((error as ConfigurationError).message).toContain(candidate.option);
    expect(spy.attempts.sent).toEqual([]);
  });
});

describe("path parameters cannot reach another endpoint", () => {
  let server: FaultServer;
  let crm: TransportClient;
  beforeAll(async () => {
    server = await FaultServer.start();
    crm = clientFor(server);
  });
  afterAll(() => server.stop());

  // What the server must see: the value percent-encoded as one path segment, whatever it holds.
  const encoded: [string, string][] = [
    ["../organizations", "..%2Forganizations"],
    ["a/b?c#d", "a%2Fb%3Fc%23d"],
    ["..%2F..%2Forganizations", "..%252F..%252Forganizations"],
    ["%2e%2e", "%252e%252e"],
    [".%2E", ".%252E"],
    ["100%", "100%25"],
    ["\\..\\admin", "%5C..%5Cadmin"],
    ["a;b=c&d", "a%3Bb%3Dc%26d"],
    ["a b+c", "a%20b%2Bc"],
    ["é/💥", "%C3%A9%2F%F0%9F%92%A5"],
    ["\r\nx-admin: true", "%0D%0Ax-admin%3A%20true"],
  ];

  it.each(encoded)("crm.people.get(%j) requests /api/v1/people/%s", async (value, segment) => {
    const before = server.apiRequests().length;
    await crm.people.get(value);
    await crm.GET("/api/v1/people/{personId}", { params: { path: { personId: value } } });
    const targets = server
      .apiRequests()
      .slice(before)
      .map((request) => request.target);
    expect(targets).toEqual([`/api/v1/people/${segment}`, `/api/v1/people/${segment}`]);
  });

  // Percent-encoding leaves "." alone and the URL parser resolves dot segments; "" drops a segment.
  it.each([
    [".", "/api/v1/people/ (the collection)"],
    ["..", "/api/v1/ (the API root)"],
    ["", "/api/v1/people/ (the collection)"],
  ])("%j is refused before sending (it would reach %s)", async (value) => {
    const before = server.apiRequests().length;
    const outcomes = await Promise.all(
      [
        () => crm.people.get(value),
        () => crm.people.delete(value),
        () => crm.GET("/api/v1/people/{personId}", { params: { path: { personId: value } } }),
        () => crm.organizations.removePerson(value, "00000000-0000-4000-8000-000000000001"),
      ].map((call) =>
        call().then(
          () => "sent",
          (error: unknown) => (error as Error).name,
        ),
      ),
    );
    // Per-request option errors are ConfigurationError, naming the parameter (issue #11).
    expect(outcomes).toEqual(["ConfigurationError", "ConfigurationError", "ConfigurationError", "ConfigurationError"]);
    expect(server.apiRequests().slice(before)).toEqual([]);
  });

  it("encodes each of several path parameters on its own", async () => {
    const before = server.apiRequests().length;
    await crm.committees.removeMember("../../people", "x/y").catch(() => undefined);
    expect(server.apiRequests().slice(before)[0]?.target).toBe("/api/v1/committees/..%2F..%2Fpeople/members/x%2Fy");
  });

  it("keeps a query value from adding parameters", async () => {
    const before = server.apiRequests().length;
    await crm.people.list({ pageSize: "5&pageIndex=9#x" as never }).catch(() => undefined);
    const request = server.apiRequests().slice(before)[0];
    expect(request?.target).toBe("/api/v1/people?pageSize=5%26pageIndex%3D9%23x");
    expect([...(request?.query.keys() ?? [])]).toEqual(["pageSize"]);
  });
});

describe("a huge rateLimit.requests", () => {
  // The limiter keeps a log of recent grants; it must grow with use, not be reserved for the limit.
  // A reservation of 20 million places would take at least 80 MB, of the heap (an array) or of
  // array buffers (a typed array); both are counted.
  it("reserves no memory up front", () => {
    const allocated = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = allocated();
    const crm = createTransportClient({
      baseUrl: "https://crm.example.test/huge-rate-limit",
      clientId: "id",
      clientSecret: "secret-value",
      tenantCode: "acme",
      rateLimit: { requests: 20_000_000, intervalMs: 60_000 },
      env: {},
    });
    expect(allocated() - before).toBeLessThan(16 * 1024 * 1024);
    expect(crm.people).toBeDefined(); // keeps the client (and its limiter) alive until measured
  });
});

describe("a CR or LF in a header value is refused before anything is sent", () => {
  const servers: FaultServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  const unsafe: [string, (crm: TransportClient) => Promise<unknown>][] = [
    ["per-request tenantCode", (crm) => crm.GET("/api/v1/people", { tenantCode: "acme\r\nx-admin: true" })],
    ["per-request tenantCode with a NUL", (crm) => crm.GET("/api/v1/people", { tenantCode: "acme\u0000" })],
    ["per-request tenantCode, non-ASCII", (crm) => crm.GET("/api/v1/people", { tenantCode: "acmé" })],
    [
      "idempotencyKey",
      (crm) =>
        crm.people.create(
          { firstName: "J", lastName: "S", email: "j@example.com" },
          { idempotencyKey: "key\r\nx-admin: true" },
        ),
    ],
    ["a custom header's value", (crm) => crm.GET("/api/v1/people", { headers: { "x-trace": "a\r\nx-admin: true" } })],
    ["a custom header's name", (crm) => crm.GET("/api/v1/people", { headers: { "x-trace\r\nx-admin": "true" } })],
    ["a tenant-code header set by hand", (crm) => crm.GET("/api/v1/people", { headers: { "tenant-code": "a\nb" } })],
    ["withTenant()", async (crm) => crm.withTenant("acme\nx-admin: true").GET("/api/v1/people")],
  ];

  it.each(unsafe)("%s", async (_name, call) => {
    const server = await FaultServer.start();
    servers.push(server);
    const spy = spyFetch();
    const crm = clientFor(server, { fetch: spy.fetch });
    const error = await call(crm).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/CR, LF|invalid header (value|name)/i);
    expect(spy.attempts.sent).toEqual([]); // not even the token request
    expect(server.requests).toEqual([]);
  });
});

describe("invalid parameters come back as a ValidationError with field details (Prism mock)", () => {
  let mock: Awaited<ReturnType<typeof startMockServer>>;
  let crm: TransportClient;
  beforeAll(async () => {
    // Prism on the runtime tests' own document, which the transport client is typed by, with its token URL and
    // scopes: a swap leaves all of them as they are.
    mock = await startMockServer({ spec: DOCUMENT_PATH });
    crm = createTransportClient({
      baseUrl: mock.url,
      tokenUrl: `${mock.url}/oauth/token`,
      scope: "api:read api:write",
      clientId: "reliability",
      clientSecret: "reliability-secret",
      tenantCode: "acme",
      rateLimit: false,
      env: {},
    });
  }, 20_000);
  afterAll(() => mock?.stop());

  // Prism answers with the spec's example 400 body; the field really at fault is in its sl-violations header.
  it.each([
    ["an invalid uuid in the path", /personid/i, () => crm.people.get("not-a-uuid")],
    [
      "an invalid date in the body",
      /^startDate$/,
      () =>
        crm.committees.addMember("7c9e6679-7425-40de-944b-e07fc1f90ae7", {
          personId: "5b3f8a2c-9d4e-4f61-8a7b-2c1d0e9f8a76",
          position: "Chair",
          startDate: "2024-13-45",
        }),
    ],
    [
      "an invalid uuid in the body",
      /^personId$/,
      () =>
        crm.committees.addMember("7c9e6679-7425-40de-944b-e07fc1f90ae7", {
          personId: "nobody",
          position: "Chair",
          startDate: "2024-01-01",
        }),
    ],
    ["a page size of the wrong type", /pagesize/i, () => crm.people.list({ pageSize: "many" as never })],
  ] as const)("%s", async (_name, field, call) => {
    const error = await call().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 400 });
    const fields = Object.keys((error as ValidationError).fieldErrors);
    expect(
      fields.some((name) => field.test(name)),
      `fieldErrors: ${fields.join(", ")}`,
    ).toBe(true);
  });
});
