// Every operation of the document, called through the real client against Prism (and the sandbox): the
// client's first request gets its token from the document's token URL; each request of the operation
// gets a 2xx, with the tenant and the bearer token sent, a body that validates against the operation's
// response schema, and no `sl-violations` header (Prism's report that the request or its own response
// broke the document); a paged operation is paged to the end. No case is skipped: a case that cannot
// exercise its operation fails, and says why.
import { beforeEach, describe, expect, inject, it } from "vitest";
import { loadCaseDocument } from "./case-document.js";
import { contractCases } from "./contract-cases.js";
import { contractClient, type Exchange } from "./contract-client.js";
import { documentOperation, pagingOf } from "./document-operations.js";
import { operationOf, type SpecOperation } from "./spec.js";

const document = await loadCaseDocument();
const url = inject("contractMockUrl");
// The records a case needs first are read or made through a client of their own, so that the case's
// client sends nothing but its operation (and its token request).
const setup = contractClient(url, { clientId: "contract-setup" }).crm;

// Against the sandbox each case starts from the seed, so a delete in one case cannot turn the
// next case's id into a 404.
beforeEach(async () => {
  if (inject("contractMode") === "stateful") await fetch(`${url}/__sandbox/reset`, { method: "POST" });
});

function expectConforms(exchange: Exchange, operation: SpecOperation): void {
  const where = `${exchange.method} ${exchange.path}`;
  expect(exchange.status, `${where}: ${exchange.body}`).toBeGreaterThanOrEqual(200);
  expect(exchange.status, `${where}: ${exchange.body}`).toBeLessThan(300);
  expect(exchange.headers.get("sl-violations"), where).toBeNull();
  // The API gets the bearer token and the tenant; the token endpoint gets neither.
  const isApi = operation.path !== document.tokenPath;
  expect(exchange.requestHeaders.get("tenant-code"), where).toBe(isApi ? "acme" : null);
  expect(exchange.requestHeaders.get("authorization")?.startsWith("Bearer ") ?? false, where).toBe(isApi);

  const schema = operation.responseSchemas.get(String(exchange.status));
  if (schema === undefined) {
    expect(exchange.body, where).toBe("");
    return;
  }
  expect(exchange.headers.get("content-type"), where).toMatch(/^application\/json/);
  expect(document.validate(schema, JSON.parse(exchange.body)), where).toBe("");
}

describe("every operation through the client", () => {
  it.for(contractCases(document).map((contractCase) => [contractCase.name, contractCase] as const))(
    "%s",
    async ([name, contractCase]) => {
      const operation = document.specOperations.find(({ operationId }) => operationId === contractCase.operationId);
      if (operation === undefined) throw new Error(`${contractCase.operationId} is not an operation of the document`);
      // The client shares cached tokens between clients with the same credentials; a client id
      // of its own gives each case a client that has no token yet.
      const { crm, exchanges } = contractClient(url, { clientId: `contract-test-${name}` });

      await contractCase.call(crm, setup);

      expect(exchanges[0], "the client's first request").toMatchObject({
        method: "POST",
        path: document.tokenPath,
        status: 200,
      });
      const calls = exchanges.filter(
        (exchange) => operationOf(document.specOperations, exchange.method, exchange.path) === operation,
      );
      const listed = documentOperation(operation.operationId);
      const paging = listed === undefined ? undefined : pagingOf(listed);
      if (paging === undefined) expect(calls, `${operation.method} ${operation.path} calls`).toHaveLength(1);
      else expect(calls.length, `${operation.method} ${operation.path} pages`).toBeGreaterThan(0);
      for (const exchange of calls) expectConforms(exchange, operation);
      if (paging === undefined) return;

      // Paged to the end: the pages hold as many items as the last one says the list has.
      const pages = calls.map((exchange) => JSON.parse(exchange.body) as Record<string, unknown>);
      const items = pages.flatMap((page) => {
        const pageItems = page[paging.itemsField];
        return Array.isArray(pageItems) ? pageItems : [];
      });
      expect(items.length, "items on all pages").toBe(pages.at(-1)?.[paging.totalField]);
    },
  );
});
