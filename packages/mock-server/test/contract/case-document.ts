// The document as the case builders need it: the operations as the mock reads them (Prism's dereferenced
// schemas, the form the data generator takes), the sandbox's reading of them into collections (which
// path lists, creates or links the records a path parameter names), and the raw OpenAPI operations,
// against which a generated request is checked before it is sent.
import { tokenMetadata } from "@engagifii/crm-types";
import type { HttpOperation } from "../../src/document/http-operation.js";
import { loadOperations } from "../../src/load-operations.js";
import { buildResourceModel, type ResourceModel, type ResourceRoute } from "../../src/sandbox/resource-model.js";
import { createResponseValidator, type ResponseValidator } from "./response-validator.js";
import { loadSpec, repositorySpecPath, type SpecOperation, specOperations } from "./spec.js";

export interface CaseDocument {
  /** Every operation of the document, in document order. */
  specOperations: SpecOperation[];
  /** Prism's reading of each operation, by operationId. */
  operations: Map<string, HttpOperation>;
  model: ResourceModel;
  /** The sandbox's route for an operation, when it keeps records for it. */
  routeOf(operationId: string): ResourceRoute | undefined;
  /** Validates a value against an OpenAPI schema of the document ("" when valid). */
  validate: ResponseValidator;
  /** The path of the token endpoint the client calls: the document's, from the generated metadata. */
  tokenPath: string;
}

export async function loadCaseDocument(path: string = repositorySpecPath): Promise<CaseDocument> {
  const document = loadSpec(path);
  const prismOperations = await loadOperations(path);
  const model = buildResourceModel(prismOperations);
  const declared: string | undefined = tokenMetadata.tokenUrl;
  return {
    specOperations: specOperations(document),
    operations: new Map(prismOperations.map((operation) => [operationIdOf(operation), operation])),
    model,
    routeOf: (operationId) => model.routes.find((route) => route.operation.iid === operationId),
    validate: createResponseValidator(document),
    tokenPath: new URL(declared ?? "/oauth/token", "http://document.invalid").pathname,
  };
}

/** The operationId of an operation as Prism reads it (every operation of the document has one: spec.ts checks). */
export function operationIdOf(operation: HttpOperation): string {
  if (operation.iid === undefined)
    throw new Error(`${operation.method.toUpperCase()} ${operation.path} has no operationId`);
  return operation.iid;
}
