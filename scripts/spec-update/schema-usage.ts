import {
  asObject,
  isObject,
  listOperations,
  type OpenApi,
  type OperationInfo,
  refName,
  refOf,
  resolve,
} from "./openapi.js";

/** Which way data described by a schema travels: callers write request schemas and read response schemas. */
export interface Direction {
  request: boolean;
  response: boolean;
}

export const REQUEST: Direction = { request: true, response: false };
export const RESPONSE: Direction = { request: false, response: true };
export const BOTH: Direction = { request: true, response: true };

/**
 * For each component schema, whether a request, a response or both reach it (through any chain of `$ref`s).
 * A schema that no operation reaches counts as both: the types package still exports it, so be strict.
 */
export function schemaDirections(...documents: OpenApi[]): (name: string) => Direction {
  const request = new Set<string>();
  const response = new Set<string>();
  for (const document of documents) {
    for (const { operation, parameters } of listOperations(document).values()) {
      for (const parameter of parameters.values()) collectRefs(document, parameter, request);
      collectRefs(document, operation.requestBody, request);
      collectRefs(document, operation.responses, response);
    }
  }
  return (name) => {
    const direction = { request: request.has(name), response: response.has(name) };
    return direction.request || direction.response ? direction : BOTH;
  };
}

/** The names of the component schemas an operation reaches, in its parameters, request body or responses. */
export function schemasUsedBy(document: OpenApi, { operation, parameters }: OperationInfo): Set<string> {
  const names = new Set<string>();
  collectRefs(document, [...parameters.values(), operation.requestBody, operation.responses], names);
  return names;
}

/** Adds the name of every component schema reachable from `value` to `names`. */
function collectRefs(document: OpenApi, value: unknown, names: Set<string>, visited = new Set<string>()): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(document, item, names, visited);
    return;
  }
  if (!isObject(value)) return;
  const ref = refOf(value);
  if (ref !== undefined) {
    if (visited.has(ref)) return;
    visited.add(ref);
    if (ref.startsWith("#/components/schemas/")) names.add(refName(ref));
    collectRefs(document, resolve(document, value), names, visited);
    return;
  }
  for (const child of Object.values(asObject(value))) collectRefs(document, child, names, visited);
}
