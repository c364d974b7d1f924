import type { CrmClient } from "@engagifii/crm-client";
import type { HttpOperation } from "../../src/document/http-operation.js";
import { buildResourceModel, type Collection, type ResourceRoute } from "../../src/sandbox/resource-model.js";

/** The outcome of one operation sent through the validation proxy. */
export interface CheckResult {
  operationId: string;
  /** e.g. `GET /api/v1/people/5b3f…`; empty when the check was skipped. */
  request: string;
  status: number | undefined;
  /** Every way the exchange broke the spec (or failed); empty when it matched. */
  differences: string[];
  /** Why the check did not run, e.g. no item to read. */
  skipped?: string;
}

interface Violation {
  location?: unknown;
  message?: unknown;
}

type Result = { data?: unknown; error?: unknown; response: Response };
type UntypedCall = (path: string, init: object) => Promise<Result>;

const pageSize = 10;

/**
 * The read-only operations of the document, read the way the sandbox reads it (collections of
 * records, see resource-model.ts), in an order that finds ids to read: each top-level collection's
 * list (a GET, or a POST that takes its page in the body, such as `POST …/PagingList`), then the
 * first item's get and the collections nested under that item, and so on down. Never writes.
 * Nothing names a path, so the document in specs/ (or `--spec`) decides what is checked.
 */
export async function runReadOnlyChecks(crm: CrmClient, operations: HttpOperation[]): Promise<CheckResult[]> {
  const model = buildResourceModel(operations);
  const collections = [...model.collections.values()];
  const results: CheckResult[] = [];
  const routeOf = (collection: Collection, kind: "list" | "get") =>
    model.routes.find((route) => route.collection === collection.template.template && route.kind === kind);
  const childrenOf = (collection: Collection) =>
    collections.filter(
      (child) =>
        child.template.parameters.length === collection.template.parameters.length + 1 &&
        child.template.template.startsWith(`${collection.template.template}/{`),
    );
  // Every read of a collection and of those nested under it, for when there is no id to read them with.
  const readsUnder = (collection: Collection): ResourceRoute[] => [
    ...[routeOf(collection, "list"), routeOf(collection, "get")].filter((route) => route !== undefined),
    ...childrenOf(collection).flatMap(readsUnder),
  ];
  const skip = (routes: ResourceRoute[], reason: string) => {
    for (const route of routes)
      results.push({ operationId: nameOf(route), request: "", status: undefined, differences: [], skipped: reason });
  };

  const check = async (route: ResourceRoute, path: Record<string, string>): Promise<unknown> => {
    const method = route.operation.method.toUpperCase();
    const page = route.paging?.firstPageRequest(pageSize);
    const init = {
      params: { path, ...(page?.location === "query" && { query: page.fields }) },
      ...(page?.location === "body" && { body: page.fields }),
    };
    const call = crm[method as "GET" | "POST"] as unknown as UntypedCall;
    const { data, error, response } = await call(route.operation.path, init);
    // Only a 2xx carries a page to take ids from; openapi-fetch leaves `data` undefined otherwise.
    const request = route.operation.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => path[name] ?? name);
    results.push({
      operationId: nameOf(route),
      request: `${method} ${request}`,
      status: response.status,
      differences: differencesOf(response, error),
    });
    return data;
  };

  const checkCollection = async (collection: Collection, parents: Record<string, string>) => {
    const list = routeOf(collection, "list");
    if (list === undefined) {
      skip(readsUnder(collection), `no operation lists ${collection.template.template}`);
      return;
    }
    const page = await check(list, parents);
    const id = firstId(page, list, collection.keyField);
    if (id === undefined) {
      skip(readsUnder(collection).slice(1), emptyReason(nameOf(list), page));
      return;
    }
    const get = routeOf(collection, "get");
    if (get) await check(get, { ...parents, [lastParameter(get.template.template)]: id });
    for (const child of childrenOf(collection))
      await checkCollection(child, { ...parents, [lastParameter(child.template.template)]: id });
  };

  for (const collection of collections.filter((candidate) => candidate.template.parameters.length === 0))
    await checkCollection(collection, {});
  return results;
}

function nameOf(route: ResourceRoute): string {
  return route.operation.iid ?? `${route.operation.method.toUpperCase()} ${route.operation.path}`;
}

function lastParameter(template: string): string {
  return /\{([^}]+)\}[^{]*$/.exec(template)?.[1] ?? "";
}

/** Prism's violations (its `sl-violations` header, or the body of its 422/500), else a non-2xx status. */
export function differencesOf(response: Response, error: unknown): string[] {
  const header = response.headers.get("sl-violations");
  const violations: Violation[] = header ? parseViolations(header) : prismValidation(error);
  const differences = violations.map(describeViolation);
  if (!response.ok && differences.length === 0) {
    const title = isRecord(error) && typeof error.title === "string" ? `: ${error.title}` : "";
    const fromProxy = isPrismError(error) ? "the proxy" : "the API";
    differences.push(`${fromProxy} answered ${response.status}${title}`);
  }
  return differences;
}

function parseViolations(header: string): Violation[] {
  try {
    const parsed: unknown = JSON.parse(header);
    return Array.isArray(parsed) ? parsed : [{ message: header }];
  } catch {
    return [{ message: header }];
  }
}

function prismValidation(error: unknown): Violation[] {
  return isPrismError(error) && Array.isArray(error.validation) ? error.validation : [];
}

function isPrismError(error: unknown): error is Record<string, unknown> {
  return (
    isRecord(error) && typeof error.type === "string" && error.type.startsWith("https://stoplight.io/prism/errors")
  );
}

function describeViolation(violation: Violation): string {
  const location = Array.isArray(violation.location) ? violation.location.join(".") : "";
  const message = typeof violation.message === "string" ? violation.message : JSON.stringify(violation);
  return location ? `${location}: ${message}` : message;
}

function emptyReason(listOperationId: string, page: unknown): string {
  return page === undefined ? `${listOperationId} returned no page` : `${listOperationId} returned no items`;
}

function firstId(page: unknown, list: ResourceRoute, keyField: string): string | undefined {
  const itemsField = list.paging?.itemsField;
  const items = itemsField === undefined ? page : isRecord(page) ? page[itemsField] : undefined;
  const first = Array.isArray(items) ? items[0] : undefined;
  const id = isRecord(first) ? first[keyField] : undefined;
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
