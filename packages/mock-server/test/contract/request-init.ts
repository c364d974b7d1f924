// The init a generated request is sent with (`sendOperation` or `crm.paginate`): the path values,
// the required query and header parameters, and the body; on a paged operation without the page
// position, which the paginator fills in, and with a small page size, so that paging to the end
// takes more than one page.
import type { PagedOperationMetadata } from "@engagifii/crm-types";
import {
  type HttpOperation,
  isObject,
  type JsonSchema,
  requestBodySchema,
  schemaProperties,
} from "../../src/document/http-operation.js";
import { requestBody, requiredParameters } from "./request-values.js";

/** The page size the cases ask for, within the document's bounds. */
export const casePageSize = 10;

export function requestInit(
  operation: HttpOperation,
  path: Record<string, string>,
  paging?: PagedOperationMetadata,
): Record<string, unknown> {
  const pageFields = paging === undefined ? [] : [paging.pageField, ...(paging.sizeField ? [paging.sizeField] : [])];
  const query = requiredParameters(operation, "query", pageFields);
  const header = requiredParameters(operation, "headers");
  let body = requestBody(operation);
  if (paging?.location === "body" && isObject(body)) {
    body = Object.fromEntries(Object.entries(body).filter(([name]) => !pageFields.includes(name)));
  }
  if (paging?.sizeField !== undefined) {
    const size = pageSize(operation, paging.location, paging.sizeField);
    if (paging.location === "query") query[paging.sizeField] = size;
    else body = { ...(isObject(body) ? body : {}), [paging.sizeField]: size };
  }
  const params = {
    ...(Object.keys(path).length > 0 ? { path } : {}),
    ...(Object.keys(query).length > 0 ? { query } : {}),
    ...(Object.keys(header).length > 0 ? { header } : {}),
  };
  return { ...(Object.keys(params).length > 0 ? { params } : {}), ...(body === undefined ? {} : { body }) };
}

function pageSize(operation: HttpOperation, location: "query" | "body", name: string): number {
  const schema: JsonSchema | undefined =
    location === "query"
      ? (operation.request?.query?.find((parameter) => parameter.name === name)?.schema as JsonSchema | undefined)
      : schemaProperties(requestBodySchema(operation))[name];
  const minimum = typeof schema?.minimum === "number" ? schema.minimum : 1;
  const maximum = typeof schema?.maximum === "number" ? schema.maximum : Number.MAX_SAFE_INTEGER;
  return Math.min(Math.max(casePageSize, minimum), maximum);
}
