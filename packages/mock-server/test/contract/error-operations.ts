// The operations errors.test.ts checks the error paths on, chosen from the document by what each check
// needs, with the request a generated case would send. A document without such an operation makes
// the check fail with that reason, instead of skipping it.
import type { CrmClient } from "@engagifii/crm-client";
import { allowsType, type JsonSchema, requestBodySchema, schemaProperties } from "../../src/document/http-operation.js";
import { pathTemplate } from "../../src/document/path-template.js";
import type { CaseDocument } from "./case-document.js";
import { documentOperation, pagingOf } from "./document-operations.js";
import { pathValues } from "./record-ids.js";
import { requestInit } from "./request-init.js";
import type { SpecOperation } from "./spec.js";

export interface ErrorTarget {
  operation: SpecOperation;
  /** The init a generated case would send (path values of records the mock serves). */
  init: Record<string, unknown>;
  /** The concrete path, e.g. `/api/Person/5b3f…`. */
  path: string;
}

type Need = "no path parameters" | "a GET" | "a GET with a path parameter" | "a JSON body with a scalar field";

const needs: Record<Need, (operation: SpecOperation, document: CaseDocument) => boolean> = {
  "no path parameters": (operation) => pathTemplate(operation.path).parameters.length === 0,
  "a GET": (operation) => operation.method === "GET",
  "a GET with a path parameter": (operation) =>
    operation.method === "GET" && pathTemplate(operation.path).parameters.length > 0,
  "a JSON body with a scalar field": (operation, document) => {
    const listed = documentOperation(operation.operationId);
    return listed !== undefined && pagingOf(listed) === undefined && scalarField(document, operation) !== undefined;
  },
};

/** The first API operation of the document with what `need` says, and the request to send it with. */
export async function errorTarget(document: CaseDocument, setup: CrmClient, need: Need): Promise<ErrorTarget> {
  const operation = document.specOperations.find(
    (candidate) => candidate.path !== document.tokenPath && needs[need](candidate, document),
  );
  const prism = operation === undefined ? undefined : document.operations.get(operation.operationId);
  if (operation === undefined || prism === undefined) throw new Error(`the document has no operation with ${need}`);
  const listed = documentOperation(operation.operationId);
  const values = await pathValues(document, setup, prism);
  const init = requestInit(prism, values, listed === undefined ? undefined : pagingOf(listed));
  const path = Object.entries(values).reduce(
    (template, [name, value]) => template.replace(`{${name}}`, encodeURIComponent(value)),
    operation.path,
  );
  return { operation, init, path };
}

/** A property of the operation's body with a scalar type, and a value of another type for it. */
export function scalarField(
  document: CaseDocument,
  operation: SpecOperation,
): { name: string; wrongValue: unknown } | undefined {
  const prism = document.operations.get(operation.operationId);
  const properties = schemaProperties(prism === undefined ? undefined : requestBodySchema(prism));
  for (const [name, schema] of Object.entries(properties)) {
    const wrongValue = wrongValueFor(schema);
    if (wrongValue !== undefined) return { name, wrongValue };
  }
  return undefined;
}

function wrongValueFor(schema: JsonSchema): unknown {
  if (allowsType(schema, "string")) return allowsType(schema, "number") ? undefined : 12345;
  if (allowsType(schema, "integer") || allowsType(schema, "number") || allowsType(schema, "boolean")) {
    return allowsType(schema, "string") ? undefined : "not-of-this-type";
  }
  return undefined;
}
