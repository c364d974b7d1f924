// A spec change must come with its contract test: an operation added to (or renamed in) the spec
// without a case in operations.ts fails here, and so does a case for an operation that is gone.
import { expect, it } from "vitest";
import { contractCases } from "./operations.js";
import { specOperations } from "./spec.js";

const specIds = specOperations().map((operation) => operation.operationId);
const coveredIds = contractCases.map((contractCase) => contractCase.operationId);

it("has a contract case for every operation in the spec", () => {
  const missing = specIds.filter((id) => !coveredIds.includes(id));
  expect(missing, `operations without a contract case in test/contract/operations.ts: ${missing.join(", ")}`).toEqual(
    [],
  );
});

it("has no case for an operation the spec does not have, and no operation twice", () => {
  const unknown = coveredIds.filter((id) => !specIds.includes(id));
  const repeated = coveredIds.filter((id, index) => coveredIds.indexOf(id) !== index);
  expect({ unknown, repeated }).toEqual({ unknown: [], repeated: [] });
});

it("reads operations with unique ids from the spec", () => {
  // Guards the checks above against a parser that silently finds nothing.
  expect(specIds.length).toBeGreaterThan(0);
  expect(new Set(specIds).size).toBe(specIds.length);
});
