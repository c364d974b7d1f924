import { HTTP_METHODS } from "../spec/normalise.js";

/** A parsed OpenAPI 3 document, as plain JSON values. */
export type OpenApi = Record<string, unknown>;
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

/** The `$ref` of a reference object, else undefined. */
export function refOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.$ref === "string" ? value.$ref : undefined;
}

/** `#/components/schemas/Person` → `Person`. */
export function refName(ref: string): string {
  return decodePointerToken(ref.slice(ref.lastIndexOf("/") + 1));
}

/** Follows local `#/…` references (and chains of them); an unresolvable or external reference gives undefined. */
export function resolve(document: OpenApi, value: unknown): JsonObject | undefined {
  const seen = new Set<string>();
  let current = value;
  for (let ref = refOf(current); ref !== undefined; ref = refOf(current)) {
    if (!ref.startsWith("#/") || seen.has(ref)) return undefined;
    seen.add(ref);
    current = ref
      .slice(2)
      .split("/")
      .map(decodePointerToken)
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), document);
  }
  return isObject(current) ? current : undefined;
}

function decodePointerToken(token: string): string {
  return decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~");
}

export interface OperationInfo {
  /** `GET /api/v1/people`: how operations are matched between two documents. */
  key: string;
  method: string;
  path: string;
  operationId: string | undefined;
  operation: JsonObject;
  /** Path-level and operation-level parameters, resolved; an operation-level one overrides a path-level one. */
  parameters: Map<string, JsonObject>;
}

/**
 * Every operation by `METHOD path`. Paths are matched exactly, as the generated `paths` type keys them:
 * `/api/v1/People` and `/api/v1/people` are different keys to a TypeScript caller, even if ASP.NET routes both.
 */
export function listOperations(document: OpenApi): Map<string, OperationInfo> {
  const operations = new Map<string, OperationInfo>();
  for (const [path, item] of Object.entries(asObject(document.paths))) {
    const pathItem = resolve(document, item) ?? {};
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const parameters = new Map<string, JsonObject>();
      for (const parameter of [...asArray(pathItem.parameters), ...asArray(operation.parameters)]) {
        const resolved = resolve(document, parameter);
        if (resolved) parameters.set(parameterKey(resolved), resolved);
      }
      const key = `${method.toUpperCase()} ${path}`;
      const operationId = typeof operation.operationId === "string" ? operation.operationId : undefined;
      operations.set(key, { key, method, path, operationId, operation, parameters });
    }
  }
  return operations;
}

/** `query pageSize`; header names are case-insensitive, so they are compared in lower case. */
function parameterKey(parameter: JsonObject): string {
  const location = String(parameter.in);
  const name = String(parameter.name);
  return `${location} ${location === "header" ? name.toLowerCase() : name}`;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `DELETE /api/v1/people/{personId} (deletePerson)`. */
export function operationLabel(operation: Pick<OperationInfo, "key" | "operationId">): string {
  return operation.operationId ? `${operation.key} (${operation.operationId})` : operation.key;
}
