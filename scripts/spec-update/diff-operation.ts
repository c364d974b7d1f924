import { type Change, diffDocs, isDocsKeyword, major, minor, sameJson } from "./change.js";
import { diffSchema, type SchemaContext } from "./diff-schema.js";
import { asObject, type JsonObject, type OpenApi, type OperationInfo, resolve } from "./openapi.js";
import { REQUEST, RESPONSE } from "./schema-usage.js";

// Compared one by one below; any other operation keyword that changes (servers, callbacks…) is a minor change.
const HANDLED = new Set(["operationId", "parameters", "requestBody", "responses", "deprecated", "security"]);

/** What changed in one operation that both documents have. */
export function diffOperation(before: OpenApi, after: OpenApi, a: OperationInfo, b: OperationInfo): Change[] {
  const out: Change[] = [];
  const context = (direction: typeof REQUEST): SchemaContext => ({ before, after, direction, seen: new Set() });
  if (a.operationId !== b.operationId) {
    // The generated `operations` type is keyed by operationId.
    out.push(major(`operationId ${a.operationId ?? "(none)"} → ${b.operationId ?? "(none)"}`));
  }
  if (Boolean(a.operation.deprecated) !== Boolean(b.operation.deprecated)) {
    out.push(minor(b.operation.deprecated ? "deprecated" : "no longer deprecated"));
  }
  if (!sameJson(a.operation.security, b.operation.security)) out.push(major("security requirements changed"));
  diffParameters(a, b, context(REQUEST), out);
  diffRequestBody(resolve(before, a.operation.requestBody), resolve(after, b.operation.requestBody), context, out);
  diffResponses(before, after, a.operation, b.operation, context, out);
  for (const key of new Set([...Object.keys(a.operation), ...Object.keys(b.operation)])) {
    if (HANDLED.has(key) || isDocsKeyword(key) || sameJson(a.operation[key], b.operation[key])) continue;
    out.push(minor(`${key} changed`));
  }
  diffDocs(a.operation, b.operation, "", out);
  return out;
}

function diffParameters(a: OperationInfo, b: OperationInfo, context: SchemaContext, out: Change[]) {
  for (const [key, parameter] of a.parameters) {
    if (!b.parameters.has(key)) out.push(major(`${key} parameter removed`));
    else diffParameter(key, parameter, b.parameters.get(key) ?? {}, context, out);
  }
  for (const [key, parameter] of b.parameters) {
    if (a.parameters.has(key)) continue;
    out.push(parameter.required === true ? major(`required ${key} parameter added`) : minor(`${key} parameter added`));
  }
}

function diffParameter(key: string, a: JsonObject, b: JsonObject, context: SchemaContext, out: Change[]) {
  if (a.required !== true && b.required === true) out.push(major(`${key} parameter is now required`));
  if (a.required === true && b.required !== true) out.push(minor(`${key} parameter is now optional`));
  diffSchema(context, a.schema, b.schema, { root: `${key} parameter`, path: "" }, out);
  for (const keyword of ["style", "explode", "allowEmptyValue", "allowReserved", "deprecated"]) {
    if (!sameJson(a[keyword], b[keyword])) out.push(minor(`${key} parameter: ${keyword} changed`));
  }
  diffDocs(a, b, `${key} parameter`, out);
}

function diffRequestBody(
  a: JsonObject | undefined,
  b: JsonObject | undefined,
  context: (direction: typeof REQUEST) => SchemaContext,
  out: Change[],
) {
  if (!a && !b) return;
  if (!b) return void out.push(major("request body removed"));
  if (!a)
    return void out.push(b.required === true ? major("request body added, required") : minor("request body added"));
  if (a.required !== true && b.required === true) out.push(major("request body is now required"));
  if (a.required === true && b.required !== true) out.push(minor("request body is now optional"));
  diffContent(asObject(a.content), asObject(b.content), "request body", true, context(REQUEST), out);
  diffDocs(a, b, "request body", out);
}

function diffResponses(
  before: OpenApi,
  after: OpenApi,
  a: JsonObject,
  b: JsonObject,
  context: (direction: typeof RESPONSE) => SchemaContext,
  out: Change[],
) {
  const responsesBefore = asObject(a.responses);
  const responsesAfter = asObject(b.responses);
  for (const status of Object.keys(responsesBefore)) {
    // Callers code against success bodies; losing an error status only narrows what can go wrong.
    const success = isSuccess(status);
    if (!Object.hasOwn(responsesAfter, status)) out.push((success ? major : minor)(`response ${status} removed`));
  }
  for (const status of Object.keys(responsesAfter)) {
    if (!Object.hasOwn(responsesBefore, status)) {
      out.push(minor(`response ${status} added`));
      continue;
    }
    const responseBefore = resolve(before, responsesBefore[status]) ?? {};
    const responseAfter = resolve(after, responsesAfter[status]) ?? {};
    const label = `response ${status}`;
    diffContent(
      asObject(responseBefore.content),
      asObject(responseAfter.content),
      label,
      isSuccess(status),
      context(RESPONSE),
      out,
    );
    const headersBefore = Object.keys(asObject(responseBefore.headers));
    const headersAfter = Object.keys(asObject(responseAfter.headers));
    for (const header of headersBefore.filter((name) => !headersAfter.includes(name))) {
      out.push(minor(`${label}: header ${header} removed`));
    }
    for (const header of headersAfter.filter((name) => !headersBefore.includes(name))) {
      out.push(minor(`${label}: header ${header} added`));
    }
    diffDocs(responseBefore, responseAfter, label, out);
  }
}

/** Media types and their schemas. Losing a media type breaks callers that send or read it. */
function diffContent(
  a: JsonObject,
  b: JsonObject,
  label: string,
  breakingRemoval: boolean,
  context: SchemaContext,
  out: Change[],
) {
  for (const mediaType of Object.keys(a)) {
    if (!Object.hasOwn(b, mediaType)) out.push((breakingRemoval ? major : minor)(`${label}: ${mediaType} removed`));
  }
  for (const mediaType of Object.keys(b)) {
    if (!Object.hasOwn(a, mediaType)) {
      out.push(minor(`${label}: ${mediaType} added`));
      continue;
    }
    const mediaBefore = asObject(a[mediaType]);
    const mediaAfter = asObject(b[mediaType]);
    // Each media type gets a fresh walk, so the same schema under text/json and application/json reports twice;
    // the caller removes the duplicate lines.
    diffSchema({ ...context, seen: new Set() }, mediaBefore.schema, mediaAfter.schema, { root: label, path: "" }, out);
    diffDocs(mediaBefore, mediaAfter, label, out);
  }
}

function isSuccess(status: string): boolean {
  return status.startsWith("2");
}
