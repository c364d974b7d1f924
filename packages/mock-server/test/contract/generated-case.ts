// The case every operation of the document gets, built from the document alone: path parameters that
// name records the mock serves (record-ids.ts), the required query and header parameters and a body
// generated from the request schema (request-init.ts), checked against the document before it is sent.
// A paged operation is paged to the end with `crm.paginate`; the token endpoint is reached the only way
// the client reaches it, through its first request. What cannot be exercised is named in `problems`.
import { unwrap } from "@engagifii/crm-client";
import { isObject } from "../../src/document/http-operation.js";
import { pathTemplate } from "../../src/document/path-template.js";
import type { CaseDocument } from "./case-document.js";
import type { ContractCase } from "./contract-case.js";
import { documentOperation, paginateOperation, pagingOf, sendOperation } from "./document-operations.js";
import { pathValues } from "./record-ids.js";
import { requestInit } from "./request-init.js";
import { nonJsonBody } from "./request-values.js";
import type { SpecOperation } from "./spec.js";

const clientMethods = new Set(["GET", "POST", "PUT", "DELETE", "PATCH"]);

export function generatedCase(document: CaseDocument, spec: SpecOperation): ContractCase {
  if (spec.method === "POST" && spec.path === document.tokenPath) return tokenCase(document, spec);
  const { operationId } = spec;
  const problems = problemsOf(document, spec);
  return {
    name: operationId,
    operationId,
    problems,
    async call(crm, setup) {
      const operation = document.operations.get(operationId);
      const listed = documentOperation(operationId);
      if (problems.length > 0 || operation === undefined || listed === undefined) {
        throw new Error(`${operationId} cannot be exercised: ${problems.join("; ")}`);
      }
      const paging = pagingOf(listed);
      const init = requestInit(operation, await pathValues(document, setup, operation), paging);
      if (paging !== undefined) return paginateOperation(crm, operationId, init).toArray();
      return unwrap(await sendOperation(crm, operationId, init));
    },
  };
}

// The client has no method for the token endpoint: its token provider calls it, through the same
// fetch, before the first API request. So the case is another operation's case, whose first request
// the test then finds the token exchange in.
function tokenCase(document: CaseDocument, spec: SpecOperation): ContractCase {
  const others = document.specOperations.filter((other) => other.path !== document.tokenPath);
  const first = others.find((other) => pathTemplate(other.path).parameters.length === 0) ?? others[0];
  if (first === undefined) {
    const problem = "the client calls the token endpoint only before another operation, and the document has none";
    return { name: spec.operationId, operationId: spec.operationId, problems: [problem], call: rejectWith(problem) };
  }
  const through = generatedCase(document, first);
  return {
    name: spec.operationId,
    operationId: spec.operationId,
    problems: through.problems.map((problem) => `through ${first.operationId}: ${problem}`),
    call: through.call,
  };
}

function problemsOf(document: CaseDocument, spec: SpecOperation): string[] {
  const operation = document.operations.get(spec.operationId);
  const listed = documentOperation(spec.operationId);
  if (operation === undefined) return ["the mock does not read it from the document"];
  if (listed === undefined) return ["it is not in the generated metadata (operationList): run `pnpm generate`"];
  if (!clientMethods.has(spec.method)) return [`the client has no ${spec.method} call`];
  const problems: string[] = [];
  const body = nonJsonBody(operation);
  if (body !== undefined) problems.push(`its request body is ${body}, and the cases send JSON only`);
  const cookies = (operation.request?.cookie ?? []).filter((parameter) => parameter.required === true);
  if (cookies.length > 0) problems.push(`it needs the cookie ${cookies.map((cookie) => cookie.name).join(", ")}`);
  if (spec.requestSchema !== undefined && body === undefined) {
    const paging = pagingOf(listed);
    const init = requestInit(operation, {}, paging);
    const sent =
      paging?.location === "body" && isObject(init.body)
        ? { ...init.body, [paging.pageField]: paging.firstPage }
        : init.body;
    const invalid = document.validate(spec.requestSchema, sent);
    if (invalid !== "")
      problems.push(`the generated body ${JSON.stringify(sent)} breaks the request schema: ${invalid}`);
  }
  return problems;
}

function rejectWith(problem: string): ContractCase["call"] {
  return () => Promise.reject(new Error(problem));
}
