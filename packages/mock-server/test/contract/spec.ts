// Reads specs/engagifii-crm.openapi.yaml for the contract tests: every operation with its method,
// path template, request body and responses. Generic OpenAPI 3.0 only, so it works on our guide's
// document and on a live document swapped in by spec:update alike.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const repositorySpecPath = fileURLToPath(
  new URL("../../../../specs/engagifii-crm.openapi.yaml", import.meta.url),
);

type Node = Record<string, unknown>;

export interface SpecOperation {
  operationId: string;
  /** Upper case, e.g. `POST`. */
  method: string;
  /** The path template, e.g. `/api/v1/people/{personId}`. */
  path: string;
  /** Schema (OpenAPI 3.0) of each status's `application/json` body; `undefined` when it has none. */
  responseSchemas: Map<string, unknown>;
  /** Schema (OpenAPI 3.0) of the JSON request body; `undefined` when it takes none. */
  requestSchema: unknown;
}

const methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

export function loadSpec(path: string = repositorySpecPath): Node {
  return parse(readFileSync(path, "utf8")) as Node;
}

/** Every operation of the document, in document order. An operation without an operationId throws. */
export function specOperations(document: Node = loadSpec()): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, pathItem] of Object.entries(asNode(document.paths))) {
    for (const method of methods) {
      const operation = asNode(asNode(pathItem)[method]);
      if (Object.keys(operation).length === 0) continue;
      if (typeof operation.operationId !== "string")
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const responseSchemas = new Map<string, unknown>();
      for (const [status, response] of Object.entries(asNode(operation.responses))) {
        const content = asNode(asNode(resolve(document, response)).content);
        responseSchemas.set(status, asNode(content["application/json"]).schema);
      }
      const requestContent = asNode(asNode(resolve(document, operation.requestBody)).content);
      const requestSchema =
        requestContent["application/json"] ??
        Object.entries(requestContent).find(([type]) => /[/+]json\b/.test(type))?.[1];
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        responseSchemas,
        requestSchema: asNode(requestSchema).schema,
      });
    }
  }
  return operations;
}

/** The operation a request was for: of those whose template it matches, the one with the fewest parameters
 *  (`GET /x/search` is the search, not `GET /x/{id}`). */
export function operationOf<T extends { method: string; path: string }>(
  operations: readonly T[],
  method: string,
  path: string,
): T | undefined {
  const parameterCount = (template: string) => template.split("{").length;
  return operations
    .filter((operation) => operation.method === method.toUpperCase() && matchesTemplate(operation.path, path))
    .sort((left, right) => parameterCount(left.path) - parameterCount(right.path))[0];
}

/** Whether a concrete URL path (`/api/v1/people/5b3f…`) is an instance of a path template. */
export function matchesTemplate(template: string, path: string): boolean {
  const pattern = template
    .split(/\{[^}]+\}/)
    .map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${pattern}$`).test(path);
}

/** Follows a local `#/…` reference (and chains of them). */
export function resolve(document: Node, value: unknown): unknown {
  let current = value;
  for (let hops = 0; typeof asNode(current).$ref === "string"; hops++) {
    if (hops > 20) throw new Error("reference chain too long");
    const ref = asNode(current).$ref as string;
    if (!ref.startsWith("#/")) throw new Error(`only local references are supported, got ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((node, key) => asNode(node)[key.replaceAll("~1", "/").replaceAll("~0", "~")], document);
  }
  return current;
}

function asNode(value: unknown): Node {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Node) : {};
}
