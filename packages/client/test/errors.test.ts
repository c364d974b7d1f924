import { Console } from "node:console";
import { Writable } from "node:stream";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { errorBodyLimits, errorForStatus, isHttpStatus } from "../src/errors.js";
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  CrmApiError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  ValidationError,
} from "../src/index.js";
import { clientSecret, fakeApi, options } from "./fake-api.js";
import { createTransportClient } from "./fixtures/transport-client.js";

const context = { method: "GET", path: "/api/v1/people", tenantCode: "acme", requestId: "req-1", attempts: 1 };

describe("errors", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [418, CrmApiError],
  ])("maps %i to its class", (status, errorClass) => {
    const error = CrmApiError.fromResponse(status, { title: "Problem", status }, context);
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(CrmApiError);
    expect(error.message).toBe(`GET /api/v1/people failed with ${status}: Problem`);
  });

  it("carries field errors for a 400 with details", async () => {
    const body = {
      title: "One or more validation errors occurred.",
      status: 400,
      errors: { email: ["The Email field is not a valid e-mail address."] },
    };
    const api = fakeApi(() => Response.json(body, { status: 400, headers: { "x-request-id": "srv-123" } }));
    const error = await createTransportClient(options(api.fetch))
      .people.create({ firstName: "J", lastName: "S", email: "nope" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      status: 400,
      fieldErrors: body.errors,
      body,
      requestId: "srv-123",
      tenantCode: "acme",
      method: "POST",
      path: "/api/v1/people",
      attempts: 1,
    });
    expect((error as Error).message).toContain("email: The Email field is not a valid e-mail address.");
  });

  it("reads Prism's sl-violations header as field errors", () => {
    const violations = JSON.stringify([
      {
        location: ["request", "body", "email"],
        severity: "Error",
        code: "format",
        message: 'Request body property email must match format "email"',
      },
    ]);
    const error = CrmApiError.fromResponse(400, "<html>", context, new Headers({ "sl-violations": violations }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      email: ['Request body property email must match format "email"'],
    });
  });

  it('keeps a field a server names "__proto__" as a field, from the header and from the body', () => {
    const violations = JSON.stringify([
      { location: ["request", "body", "__proto__"], message: "is odd" },
      { location: ["request", "body", "__proto__"], message: "is still odd" },
    ]);
    const fromHeader = CrmApiError.fromResponse(400, "", context, new Headers({ "sl-violations": violations }));
    expect(fromHeader).toBeInstanceOf(ValidationError);
    expect(Object.getPrototypeOf((fromHeader as ValidationError).fieldErrors)).toBe(Object.prototype);
    expect(Object.entries((fromHeader as ValidationError).fieldErrors)).toEqual([
      ["__proto__", ["is odd", "is still odd"]],
    ]);
    const fromBody = CrmApiError.fromResponse(
      400,
      JSON.parse('{"errors":{"__proto__":["bad"],"email":"taken"}}'),
      context,
    );
    expect(Object.entries((fromBody as ValidationError).fieldErrors)).toEqual([
      ["__proto__", ["bad"]],
      ["email", ["taken"]],
    ]);
  });

  it("falls back to the correlation id when the server sends no request id", async () => {
    const api = fakeApi(() => new Response("", { status: 404 }));
    const error = (await createTransportClient(options(api.fetch))
      .people.get("00000000-0000-4000-8000-000000000000")
      .catch((caught: unknown) => caught)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.requestId).toBe(api.apiRequests()[0]?.headers.get("x-correlation-id"));
  });

  it("survives an HTML 502 page and an empty error body", async () => {
    const api = fakeApi((_request, attempt) =>
      attempt === 1
        ? new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", {
            status: 502,
            headers: { "content-type": "text/html" },
          })
        : new Response(null, { status: 500 }),
    );
    const crm = createTransportClient({ ...options(api.fetch), maxRetries: 0 });
    const html = (await crm.people.list().catch((caught: unknown) => caught)) as ServerError;
    expect(html).toBeInstanceOf(ServerError);
    expect(html.message).toBe("GET /api/v1/people failed with 502");
    expect(html.body).toContain("502 Bad Gateway");
    const empty = (await crm.people.list().catch((caught: unknown) => caught)) as ServerError;
    expect(empty.status).toBe(500);
    expect(empty.body).toBeUndefined();
  });

  it("returns undefined for a 204 without crashing", async () => {
    const api = fakeApi(() => new Response(null, { status: 204 }));
    await expect(
      createTransportClient(options(api.fetch)).people.delete("00000000-0000-4000-8000-000000000000"),
    ).resolves.toBeUndefined();
  });

  it("turns malformed JSON on a 200 into InvalidResponseError", async () => {
    const api = fakeApi(
      () => new Response('{"data": [', { status: 200, headers: { "content-type": "application/json" } }),
    );
    const error = await createTransportClient(options(api.fetch))
      .people.list()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, method: "GET", path: "/api/v1/people", attempts: 1 });
  });

  it("never shows the client secret or a token in JSON, inspect, message or stack", async () => {
    const api = fakeApi(() => Response.json({ title: "Forbidden", status: 403 }, { status: 403 }));
    const error = await createTransportClient(options(api.fetch))
      .people.list()
      .catch((caught: unknown) => caught);
    const token = api.apiRequests()[0]?.headers.get("authorization")?.replace("Bearer ", "") ?? "missing";
    const renderings = [
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      (error as Error).message,
      (error as Error).stack ?? "",
    ];
    for (const text of renderings) {
      expect(text).not.toContain(clientSecret);
      expect(text).not.toContain(token);
      expect(text).not.toMatch(/authorization/i);
    }
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "PermissionDeniedError",
      status: 403,
      tenantCode: "acme",
    });
  });
});

/** What console.error prints for `value`, captured instead of written to the test's output. */
function consoleErrorOutput(value: unknown): string {
  let output = "";
  const sink = new Writable({
    write(chunk, _encoding, done) {
      output += String(chunk);
      done();
    },
  });
  new Console({ stdout: sink, stderr: sink }).error(value);
  return output;
}

function nested(depth: number): unknown {
  let body: unknown = { leaf: true };
  for (let level = 0; level < depth; level++) body = { title: "Problem", inner: body };
  return body;
}

/** One object shared by both branches at every level: 2^levels paths through `levels` objects. */
function shared(levels: number): unknown {
  let body: unknown = { leaf: "x".repeat(20) };
  for (let level = 0; level < levels; level++) body = { left: body, right: body };
  return body;
}

describe("errors built from hostile bodies still print", () => {
  const bodies: [string, () => unknown][] = [
    ["nested 100,000 deep", () => nested(100_000)],
    ["an array nested 100,000 deep", () => JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`)],
    ["one object shared 2^20 times", () => shared(20)],
    ["a million items", () => Array.from({ length: 1_000_000 }, (_, index) => ({ index }))],
    ["a 20 MB string", () => "x".repeat(20_000_000)],
    ["a 1 MB title and detail", () => ({ title: "t".repeat(1_000_000), detail: "d".repeat(1_000_000) })],
  ];
  const printers: [string, (error: unknown) => string][] = [
    ["util.inspect", (error) => inspect(error)],
    ["console.error", (error) => consoleErrorOutput(error)],
    ["JSON.stringify", (error) => JSON.stringify(error)],
    ["String()", (error) => String(error)],
  ];

  for (const [bodyName, makeBody] of bodies) {
    it.each(printers)(`%s prints an error whose body is ${bodyName}`, (_printer, print) => {
      const body = makeBody();
      for (const error of [errorForStatus(500, body, context), new CrmApiError("failed", 502, body, context)]) {
        const printed = print(error);
        expect(printed).toContain(error.name === "ServerError" ? "GET /api/v1/people failed with 500" : "failed");
        expect(printed.length).toBeLessThan(1_000_000);
      }
    });
  }

  it("keeps a body within the limits as it is, and says what it cut from one past them", () => {
    const small = { title: "Problem", errors: { email: ["is invalid"] } };
    expect(new CrmApiError("failed", 400, small, context).body).toBe(small);
    const deep = new CrmApiError("failed", 500, nested(100), context).body;
    let level: unknown = deep;
    for (let depth = 0; depth < errorBodyLimits.depth; depth++) level = (level as { inner: unknown }).inner;
    expect(level).toBe(`[nested deeper than ${errorBodyLimits.depth} levels]`);
    const wide = new CrmApiError(
      "failed",
      500,
      Array.from({ length: 5_000 }, (_, index) => index),
      context,
    ).body;
    expect(wide).toHaveLength(errorBodyLimits.entries + 1);
    expect((wide as unknown[]).at(-1)).toBe("[4000 more items]");
    const cyclic: Record<string, unknown> = { title: "Loop" };
    cyclic.self = cyclic;
    expect(JSON.stringify(new CrmApiError("failed", 500, cyclic, context))).toContain("[circular reference]");
  });

  it("lists at most 20 fields in a ValidationError's message, and keeps at most 1,000", () => {
    const errors = Object.fromEntries(Array.from({ length: 5_000 }, (_, index) => [`field${index}`, ["is invalid"]]));
    const error = errorForStatus(400, { title: "Invalid", errors }, context) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys(error.fieldErrors)).toHaveLength(1_000);
    expect(error.message).toMatch(/field19: is invalid, and 980 more fields$/);
  });
});

describe("errorForStatus", () => {
  it.each([0, 99, 600, 999, 1_000_000, -1, 200.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "gives an InvalidResponseError naming a status no HTTP response can have (%s)",
    (status) => {
      const error = errorForStatus(status, { title: "Odd" }, context);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error.message).toBe(`GET /api/v1/people returned an invalid HTTP status (${status})`);
      expect(error.status).toBe(Number.isFinite(status) ? status : undefined);
      expect(CrmApiError.fromResponse(status, undefined, context)).toBeInstanceOf(InvalidResponseError);
      expect(isHttpStatus(status)).toBe(false);
    },
  );

  it("names a status that is not even a number", () => {
    const error = errorForStatus("200" as unknown as number, undefined, context);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toBe("GET /api/v1/people returned an invalid HTTP status (a string)");
  });

  it.each([100, 200, 399, 400, 599])("accepts %i as an HTTP status", (status) => {
    expect(isHttpStatus(status)).toBe(true);
    expect(errorForStatus(status, undefined, context)).not.toBeInstanceOf(InvalidResponseError);
  });
});
