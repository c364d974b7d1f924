// The error paths the guide's test checklist names, on operations of whatever document specs/ holds
// (error-operations.ts picks them): missing headers, an invalid body, rate limiting and an unknown id.
// Assertions are on statuses and Prism's `sl-violations` header, never on the text of Prism's 400 body
// (it is the document's canned example, or one generated from its schema). Our guide's own createPerson
// checks follow, where the document has that operation.
import {
  BadRequestError,
  type CrmClient,
  NotFoundError,
  RateLimitError,
  type RetryEvent,
  unwrap,
} from "@engagifii/crm-client";
import { describe, expect, inject, it } from "vitest";
import { isObject } from "../../src/document/http-operation.js";
import { loadCaseDocument } from "./case-document.js";
import { contractClient } from "./contract-client.js";
import { documentOperation, resourceHelper, sendOperation } from "./document-operations.js";
import { errorTarget, scalarField } from "./error-operations.js";

const document = await loadCaseDocument();
const url = inject("contractMockUrl");
const setup = contractClient(url, { clientId: "contract-errors-setup" }).crm;

interface Violation {
  location: string[];
  code: string;
  message: string;
}

function violationsOf(headers: Headers): Violation[] {
  return JSON.parse(headers.get("sl-violations") ?? "[]") as Violation[];
}

describe("missing credentials", () => {
  // The client always sends both headers, so these use a plain fetch.
  async function send(headers: Record<string, string>): Promise<number> {
    const { operation, init, path } = await errorTarget(document, setup, "no path parameters");
    const query = (init.params as { query?: Record<string, unknown> } | undefined)?.query ?? {};
    const search = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)]));
    const response = await fetch(`${url}${path}${search.size > 0 ? `?${search}` : ""}`, {
      method: operation.method,
      headers: { ...headers, accept: "application/json", "content-type": "application/json" },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    await response.body?.cancel();
    return response.status;
  }

  it("answers 401 without tenant-code", async () => {
    expect(await send({ authorization: "Bearer contract-test" })).toBe(401);
  });

  it("answers 401 without a bearer token", async () => {
    expect(await send({ "tenant-code": "acme" })).toBe(401);
  });
});

describe("an invalid request body", () => {
  it("throws a ValidationError, and Prism names the field in sl-violations and fieldErrors", async () => {
    const { operation, init } = await errorTarget(document, setup, "a JSON body with a scalar field");
    const field = scalarField(document, operation);
    if (field === undefined) throw new Error(`${operation.operationId} has no scalar field`);
    const body = { ...(isObject(init.body) ? init.body : {}), [field.name]: field.wrongValue };
    const { crm, exchanges } = contractClient(url);

    const error = await sendOperation(crm, operation.operationId, { ...init, body })
      .then(unwrap)
      .catch((caught: unknown) => caught);

    // Prism answers a request that breaks the document with its 400 when the operation has one, else 422.
    const status = operation.responseSchemas.has("400") ? 400 : 422;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ name: "ValidationError", status, method: operation.method, attempts: 1 });
    const violations = violationsOf(exchanges.at(-1)?.headers ?? new Headers());
    expect(violations).toContainEqual(
      expect.objectContaining({ location: ["request", "body", field.name], code: "type" }),
    );
    expect(Object.keys((error as { fieldErrors: Record<string, string[]> }).fieldErrors)).toContain(field.name);
  });
});

describe("forced error statuses", () => {
  it("retries a 429 and then throws RateLimitError after 3 attempts", async () => {
    const { operation, init, path } = await errorTarget(document, setup, "a GET");
    const retries: RetryEvent[] = [];
    const { crm, exchanges } = contractClient(url, {
      maxRetries: 2,
      hooks: { onRetry: (event) => retries.push(event) },
      // Prism sends the document's example `Retry-After` (ours says 30), the mock 1 where the document
      // has no 429. The client honours it (it gives up early only above 60 s), so two retries could
      // wait 60 s. To keep the suite fast the header is restated as `retry-after-ms`, which the client
      // reads first: the same number, so the assertions below still prove the client waited what the
      // server asked.
      alterResponse: (response) => {
        const headers = new Headers(response.headers);
        const retryAfter = headers.get("retry-after");
        if (retryAfter !== null) headers.set("retry-after-ms", retryAfter);
        return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
      },
    });

    const error = await sendOperation(crm, operation.operationId, { ...init, headers: { Prefer: "code=429" } })
      .then(unwrap)
      .catch((caught: unknown) => caught);

    // Three attempts on the wire, each answered with the same Retry-After.
    const attempts = exchanges.filter((exchange) => exchange.path === path);
    expect(attempts.map((exchange) => exchange.status)).toEqual([429, 429, 429]);
    const retryAfter = Number(attempts[0]?.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(attempts.map((exchange) => exchange.headers.get("retry-after"))).toEqual(Array(3).fill(String(retryAfter)));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, attempts: 3, retryAfterMs: retryAfter });
    expect(retries.map(({ attempt, reason, delayMs }) => ({ attempt, reason, delayMs }))).toEqual([
      { attempt: 1, reason: 429, delayMs: retryAfter },
      { attempt: 2, reason: 429, delayMs: retryAfter },
    ]);
  });

  it("throws NotFoundError for a 404", async () => {
    const { operation, init, path } = await errorTarget(document, setup, "a GET with a path parameter");
    const { crm } = contractClient(url);
    const error = await sendOperation(crm, operation.operationId, { ...init, headers: { Prefer: "code=404" } })
      .then(unwrap)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, method: "GET", path, tenantCode: "acme" });
  });
});

// Our guide's createPerson: a missing required field and a bad email, through `crm.people.create`.
if (documentOperation("createPerson") !== undefined) {
  /** `crm.people.create` with a body the document rejects (the mock names why in sl-violations). */
  const createPerson = (crm: CrmClient, body: Record<string, unknown>) =>
    resourceHelper(crm, "people.create")(body) as Promise<unknown>;

  describe("an invalid request body (our guide's createPerson)", () => {
    const invalidPerson = { firstName: "Jane", email: "jane.smith@example.com" }; // lastName is required

    it("throws a 400 BadRequestError, and Prism names the missing field in sl-violations", async () => {
      const { crm, exchanges } = contractClient(url);
      const error = await createPerson(crm, invalidPerson).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({ status: 400, method: "POST", path: "/api/v1/people", attempts: 1 });
      const violations = violationsOf(exchanges.at(-1)?.headers ?? new Headers());
      expect(violations).toContainEqual(expect.objectContaining({ location: ["request", "body"], code: "required" }));
      expect(violations.map((violation) => violation.message).join("\n")).toContain("lastName");
    });

    // Prism's 400 body is always the spec's example (`errors.email`); the real violation is in sl-violations.
    it("surfaces Prism's violations in ValidationError.fieldErrors", async () => {
      const { crm } = contractClient(url);
      const error = await createPerson(crm, invalidPerson).catch((caught: unknown) => caught);

      expect(error).toMatchObject({ name: "ValidationError", status: 400 });
      const fieldErrors = (error as { fieldErrors: Record<string, string[]> }).fieldErrors;
      expect(Object.values(fieldErrors).flat().join("\n")).toContain("lastName");
      expect(Object.keys(fieldErrors)).not.toContain("email");
    });

    it("reports an invalid email against the email field", async () => {
      const { crm, exchanges } = contractClient(url);
      const error = await createPerson(crm, { firstName: "Jane", lastName: "Smith", email: "not-an-email" }).catch(
        (caught: unknown) => caught,
      );

      expect(error).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({ status: 400 });
      expect(violationsOf(exchanges.at(-1)?.headers ?? new Headers())).toContainEqual(
        expect.objectContaining({ location: ["request", "body", "email"], code: "format" }),
      );
    });
  });
}
