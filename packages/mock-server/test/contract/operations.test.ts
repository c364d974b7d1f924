// Every operation of the spec, called through the real client against Prism (and the sandbox): a 2xx, a body that
// validates against the operation's response schema, and no `sl-violations` header (Prism's
// report that the request or its own response broke the spec).
import { beforeEach, describe, expect, inject, it } from "vitest";
import { contractClient } from "./contract-client.js";
import { contractCases } from "./operations.js";
import { createResponseValidator } from "./response-validator.js";
import { loadSpec, matchesTemplate, specOperations } from "./spec.js";

const document = loadSpec();
const operations = new Map(specOperations(document).map((operation) => [operation.operationId, operation]));
const validate = createResponseValidator(document);
const url = inject("contractMockUrl");

// Against the sandbox each case starts from the seed, so a delete in one case cannot turn the
// next case's id into a 404.
beforeEach(async () => {
  if (inject("contractMode") === "stateful") await fetch(`${url}/__sandbox/reset`, { method: "POST" });
});

describe("every operation through the client", () => {
  it.for(contractCases.map((contractCase) => [contractCase.operationId, contractCase] as const))(
    "%s",
    async ([operationId, contractCase], context) => {
      const operation = operations.get(operationId);
      // After a spec swap, a case for an operation the new document lacks is skipped, and says so
      // (coverage.test.ts still fails until the table matches the document).
      if (!operation) return context.skip(`${operationId} is not an operation of the spec`);
      // The client shares cached tokens between clients with the same credentials; a client id
      // of its own gives each case a client that has no token yet (requestToken relies on it).
      const { crm, exchanges } = contractClient(url, { clientId: `contract-test-${operationId}` });

      await contractCase.call(crm);

      // The case must really have called its operation, exactly once.
      const calls = exchanges.filter(
        (exchange) => exchange.method === operation.method && matchesTemplate(operation.path, exchange.path),
      );
      expect(calls, `${operation.method} ${operation.path} calls`).toHaveLength(1);
      const [exchange] = calls;
      if (!exchange) return;
      expect(exchange.status).toBeGreaterThanOrEqual(200);
      expect(exchange.status).toBeLessThan(300);
      expect(exchange.headers.get("sl-violations")).toBeNull();
      // The API gets the bearer token and the tenant; the token endpoint gets neither.
      const isApi = exchange.path.startsWith("/api/");
      expect(exchange.requestHeaders.get("tenant-code")).toBe(isApi ? "acme" : null);
      expect(exchange.requestHeaders.get("authorization")?.startsWith("Bearer ") ?? false).toBe(isApi);

      const schema = operation.responseSchemas.get(String(exchange.status));
      if (schema === undefined) {
        expect(exchange.body).toBe("");
        return;
      }
      expect(exchange.headers.get("content-type")).toMatch(/^application\/json/);
      expect(validate(schema, JSON.parse(exchange.body))).toBe("");
    },
  );
});
