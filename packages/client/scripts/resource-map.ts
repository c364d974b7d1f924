import {
  eachOperation,
  isObject,
  type OpenApiDocument,
  type OpenApiObject,
  resolve,
} from "../../types/scripts/document.js";
import { detectPaging } from "../../types/scripts/paging-shape.js";
import { readTokenMetadata } from "../../types/scripts/security-metadata.js";

/** One method of a resource helper, resolved against the document. */
export interface ResolvedMethod {
  name: string;
  /** As the map writes it: an operationId or `METHOD /path`. */
  reference: string;
  paginate: boolean;
  method: string;
  path: string;
  operationId: string | undefined;
  /** Path parameter names, in path order. */
  pathParameters: string[];
  hasBody: boolean;
  bodyRequired: boolean;
  hasQuery: boolean;
  queryRequired: boolean;
}

export interface ResolvedResource {
  name: string;
  methods: ResolvedMethod[];
}

/** A map entry that names no operation of the document (any more), or cannot page. */
export interface DroppedMethod {
  resource: string;
  method: string;
  reference: string;
  reason: string;
}

export interface ResolvedMap {
  resources: ResolvedResource[];
  dropped: DroppedMethod[];
  /** Operations of the document that no entry names, as `operationId (METHOD /path)`. */
  unmapped: string[];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Reads `resources:` from the map's YAML, already parsed. Throws one line naming the first problem. */
export function readMap(map: unknown): Record<string, Record<string, { reference: string; paginate: boolean }>> {
  if (!isObject(map) || !isObject(map.resources)) throw new Error("specs/resources.yaml: expected a `resources:` map");
  const resources: Record<string, Record<string, { reference: string; paginate: boolean }>> = {};
  for (const [resource, methods] of Object.entries(map.resources)) {
    if (!IDENTIFIER.test(resource) || !isObject(methods))
      throw new Error(`specs/resources.yaml: resources.${resource} must be a name mapped to methods`);
    resources[resource] = {};
    for (const [method, entry] of Object.entries(methods)) {
      const reference = typeof entry === "string" ? entry : isObject(entry) ? entry.paginate : undefined;
      if (!IDENTIFIER.test(method) || typeof reference !== "string")
        throw new Error(
          `specs/resources.yaml: resources.${resource}.${method} must be an operation or { paginate: <operation> }`,
        );
      (resources[resource] as Record<string, { reference: string; paginate: boolean }>)[method] = {
        reference,
        paginate: typeof entry !== "string",
      };
    }
  }
  return resources;
}

function parametersOf(document: OpenApiDocument, pathItem: OpenApiObject, operation: OpenApiObject) {
  return [
    ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
    ...(Array.isArray(operation.parameters) ? operation.parameters : []),
  ]
    .map((parameter) => resolve(document, parameter))
    .filter((parameter): parameter is OpenApiObject => parameter !== undefined);
}

/** Resolves every entry of the map against the document; entries it cannot serve are dropped, with the reason. */
export function resolveMap(document: OpenApiDocument, map: unknown): ResolvedMap {
  const operations = [...eachOperation(document)];
  const used = new Set<string>();
  const dropped: DroppedMethod[] = [];
  const resources: ResolvedResource[] = [];
  for (const [resource, methods] of Object.entries(readMap(map))) {
    const resolved: ResolvedMethod[] = [];
    for (const [name, { reference, paginate }] of Object.entries(methods)) {
      const [verb, path] = reference.includes(" ") ? reference.split(/\s+/, 2) : [undefined, undefined];
      const found = operations.find((candidate) =>
        verb === undefined
          ? candidate.operation.operationId === reference
          : candidate.method === verb.toLowerCase() && candidate.path === path,
      );
      if (!found) {
        dropped.push({ resource, method: name, reference, reason: "no such operation in the document" });
        continue;
      }
      const { method, operation, pathItem } = found;
      if (paginate && !detectPaging(document, method, operation, pathItem)) {
        dropped.push({ resource, method: name, reference, reason: "the operation does not page in a known shape" });
        continue;
      }
      used.add(`${method} ${found.path}`);
      const parameters = parametersOf(document, pathItem, operation);
      const query = parameters.filter((parameter) => parameter.in === "query");
      const body = resolve(document, operation.requestBody);
      resolved.push({
        name,
        reference,
        paginate,
        method,
        path: found.path,
        operationId: typeof operation.operationId === "string" ? operation.operationId : undefined,
        pathParameters: [...found.path.matchAll(/\{([^}]+)\}/g)].map(([, parameter]) => parameter ?? ""),
        hasBody: body !== undefined,
        bodyRequired: body?.required === true,
        hasQuery: query.length > 0,
        queryRequired: query.some((parameter) => parameter.required === true),
      });
    }
    resources.push({ name: resource, methods: resolved });
  }
  // The token endpoint is the client's own business, not a resource's.
  const tokenUrl = readTokenMetadata(document).tokenUrl ?? "/oauth/token";
  const unmapped = operations
    .filter(({ method, path }) => !used.has(`${method} ${path}`) && !tokenUrl.endsWith(path))
    .map(
      ({ method, path, operation }) =>
        `${operation.operationId ?? "(no operationId)"} (${method.toUpperCase()} ${path})`,
    );
  return { resources, dropped, unmapped };
}
