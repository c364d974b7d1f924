// Every operation of the document has a contract case that can run (operations.test.ts runs it): a
// case is generated from the document for each one, so a new operation needs no hand-written test,
// and one the generator cannot exercise fails here, named with the reason.
import { operationList } from "@engagifii/crm-types";
import { expect, it } from "vitest";
import { loadCaseDocument } from "./case-document.js";
import { contractCases } from "./contract-cases.js";

const document = await loadCaseDocument();
const specIds = document.specOperations.map((operation) => operation.operationId);
const cases = contractCases(document);

it("reads operations with unique ids from the document", () => {
  // Guards the checks below against a parser that silently finds nothing.
  expect(specIds.length).toBeGreaterThan(0);
  expect(new Set(specIds).size).toBe(specIds.length);
});

it("reads the document the client was generated from (else run `pnpm generate`)", () => {
  const described = (method: string, path: string, operationId: string | undefined) =>
    `${method.toUpperCase()} ${path} ${operationId ?? ""}`;
  expect(operationList.map(({ method, path, operationId }) => described(method, path, operationId))).toEqual(
    document.specOperations.map(({ method, path, operationId }) => described(method, path, operationId)),
  );
});

it("has a case that can run for every operation of the document", () => {
  const problems = Object.fromEntries(
    specIds.map((operationId) => {
      const own = cases.filter((contractCase) => contractCase.operationId === operationId);
      if (own.length === 0) return [operationId, ["no case"]];
      return [operationId, own.flatMap((contractCase) => contractCase.problems)];
    }),
  );
  const failing = Object.fromEntries(Object.entries(problems).filter(([, reasons]) => reasons.length > 0));
  expect(failing).toEqual({});
});

it("has no case for an operation the document does not have, and no test name twice", () => {
  const unknown = cases.filter((contractCase) => !specIds.includes(contractCase.operationId));
  const names = cases.map((contractCase) => contractCase.name);
  expect({ unknown, repeated: names.filter((name, index) => names.indexOf(name) !== index) }).toEqual({
    unknown: [],
    repeated: [],
  });
});
