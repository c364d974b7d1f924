// Which record a path parameter names, read the way the sandbox reads the document: as collections
// of records (packages/mock-server/src/sandbox/resource-model.ts; one reading, so the collection and
// the sandbox agree). Each collection's record goes by one collection variable (`Committee.id`):
// a create sets it, a delete clears it, and the collection-level script fills it, when a request
// needs it unset, from the first item the collection lists. So a folder's requests act on records
// that exist, on the sandbox and on the live API alike, whether or not the document has examples.
import type { HttpOperation } from "../../packages/mock-server/src/document/http-operation.js";
import { pathTemplate } from "../../packages/mock-server/src/document/path-template.js";
import type { FirstPageRequest } from "../../packages/mock-server/src/sandbox/paging-shape.js";
import { buildResourceModel, type Collection } from "../../packages/mock-server/src/sandbox/resource-model.js";

/** How to find a record when no request has set its variable: the first item of its collection's first page. */
export interface RecordLookup {
  /** Upper case: `GET`, or `POST` for a list that takes its page in the body. */
  method: string;
  /** The list's path template. */
  path: string;
  /** The variable of each of the path's parameters (the records it is nested under), by parameter name. */
  parents: Record<string, string>;
  query?: Record<string, number>;
  body?: Record<string, number>;
  /** The response field with the items; absent when the list answers a bare array. */
  itemsField?: string;
  /** The item field that holds the record's id. */
  keyField: string;
}

/** What a request does to the record variable of its collection. */
export type RecordEffect = { set: string; keyField: string } | { clear: string };

export interface RecordVariables {
  /** The variable holding the record a path parameter names, or undefined when it names none that can be found. */
  variableOf(path: string, parameter: string): string | undefined;
  /** A create sets its collection's variable; a delete of a record clears it (unlinking a member clears nothing). */
  effectOf(method: string, path: string): RecordEffect | undefined;
  /** The first-page request of each page field's list, e.g. `{ location: "body", fields: { pageNumber: 1, … } }`. */
  firstPageOf(method: string, path: string): FirstPageRequest | undefined;
  /** By variable name. */
  lookups: Record<string, RecordLookup>;
}

/** Items asked for on a list request of the collection: a page of the size the guide uses. */
const listPageSize = 50;

export function readRecordVariables(operations: HttpOperation[]): RecordVariables {
  const model = buildResourceModel(operations);
  const routesOf = (collection: Collection) =>
    model.routes.filter((route) => route.collection === collection.template.template);
  // A collection of records has a list or an item route; a token endpoint (a lone POST) is none.
  const records = [...model.collections.values()].filter((collection) =>
    routesOf(collection).some((route) => route.kind !== "create"),
  );
  const names = variableNames(records);
  const routeOf = (method: string, path: string) =>
    model.routes.find((route) => route.operation.method === method.toLowerCase() && route.operation.path === path);
  // A membership that links records of another collection names that collection's records.
  const recordOf = (collection: Collection | undefined) =>
    collection?.linkTarget === undefined ? collection : model.collections.get(collection.linkTarget);

  const variableOf = (path: string, parameter: string): string | undefined => {
    const at = path.indexOf(`/{${parameter}}`);
    const collection = recordOf(at < 0 ? undefined : model.collections.get(path.slice(0, at)));
    const findable =
      collection && routesOf(collection).some((route) => route.kind === "list" || route.kind === "create");
    return findable ? names.get(collection) : undefined;
  };

  const lookups: Record<string, RecordLookup> = {};
  for (const collection of records) {
    const name = names.get(collection);
    const list = routesOf(collection).find((route) => route.kind === "list");
    if (name === undefined || list === undefined) continue;
    const parameters = pathTemplate(list.operation.path).parameters;
    const parents = Object.fromEntries(
      parameters.map((parameter) => [parameter, variableOf(list.operation.path, parameter)]),
    );
    if (Object.values(parents).some((variable) => variable === undefined)) continue;
    const page = list.paging?.firstPageRequest(1);
    lookups[name] = {
      method: list.operation.method.toUpperCase(),
      path: list.operation.path,
      parents: parents as Record<string, string>,
      ...(page && { [page.location]: page.fields }),
      ...(list.paging?.itemsField !== undefined && { itemsField: list.paging.itemsField }),
      keyField: collection.keyField,
    };
  }

  return {
    variableOf,
    lookups,
    effectOf(method, path) {
      const route = routeOf(method, path);
      const collection = route && model.collections.get(route.collection);
      const name = collection && names.get(collection);
      if (route === undefined || collection === undefined || name === undefined) return undefined;
      if (route.kind === "create") return { set: name, keyField: collection.keyField };
      if (route.kind === "delete" && collection.linkTarget === undefined) return { clear: name };
      return undefined;
    },
    firstPageOf: (method, path) => routeOf(method, path)?.paging?.firstPageRequest(listPageSize),
  };
}

// `/api/Committee/{committeeId}/Member` → `Committee.Member.personId`: the path's words after those
// every collection shares (`api`, `v1`), and the field that holds the record's id.
function variableNames(collections: Collection[]): Map<Collection, string> {
  if (collections.length === 0) return new Map();
  const words = collections.map((collection) =>
    collection.template.template.split("/").filter((segment) => segment !== "" && !segment.startsWith("{")),
  );
  const shortest = Math.min(...words.map((list) => list.length));
  let shared = 0;
  while (shared < shortest - 1 && words.every((list) => list[shared] === words[0]?.[shared])) shared++;
  return new Map(
    collections.map((collection, index) => [
      collection,
      [...(words[index] ?? []).slice(shared), collection.keyField].join("."),
    ]),
  );
}
