// The contract suite's cases for the document specs/ holds: the generated case of every operation, in
// document order, and the hand-written cases for the operations the document has.
import type { CaseDocument } from "./case-document.js";
import type { ContractCase } from "./contract-case.js";
import { generatedCase } from "./generated-case.js";
import { handWrittenCases } from "./hand-written-cases.js";

export function contractCases(document: CaseDocument): ContractCase[] {
  const generated = document.specOperations.map((operation) => generatedCase(document, operation));
  const operationIds = new Set(document.specOperations.map((operation) => operation.operationId));
  return [...generated, ...handWrittenCases(operationIds)];
}
