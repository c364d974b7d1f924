// The commands as shipped come from the generated resource table (specs/resources.yaml and the
// document). Their tests pick what they run from it, never by our guide's paths or names, so they
// test the same commands after a swap of the document. When the table has nothing a test needs, the
// test fails and says what it needs.
import { pathMatches } from "../src/document/operations.js";
import { pagingShape } from "../src/paging.js";
import type { MethodEntry, OperationReference, ResourceEntry } from "../src/resource-entry.js";
import { pagedResources, resourceTable } from "../src/resource-table.js";

function need<T>(found: T | undefined, what: string): T {
  if (found === undefined) throw new Error(`the generated resource table has no ${what}; this test needs one`);
  return found;
}

/** The first resource with list, get, create, update and delete. */
export function crudResource(): ResourceEntry {
  return need(
    resourceTable.find(({ operations }) =>
      (["list", "get", "create", "update", "delete"] as const).every((verb) => operations[verb] !== undefined),
    ),
    "resource with list, get, create, update and delete",
  );
}

/** The first resource `export` takes: one with a paged operation that reads every record. */
export function exportableResource(): ResourceEntry {
  return need(pagedResources()[0], "resource with a paged list (export)");
}

/** The first resource `sync` takes: a paged list, and create, update and delete. */
export function syncableResource(): ResourceEntry {
  return need(
    pagedResources().find(({ operations }) => operations.create && operations.update && operations.delete),
    "resource with a paged list, create, update and delete (sync)",
  );
}

/** The first resource with a `list` command. */
export function listedResource(): ResourceEntry {
  return need(
    resourceTable.find((entry) => entry.operations.list !== undefined),
    "resource with a list",
  );
}

/** The paging shape of an operation, from the generated metadata the binary uses. */
export function shapeOf(reference: OperationReference) {
  return need(pagingShape(reference.path), `paging shape for ${reference.method} ${reference.path}`);
}

/** The template of the collection a paged list reads: a GET list's own path, a `POST …/PagingList`'s parent. */
export function listedCollection(reference: OperationReference): string {
  return reference.method === "GET" ? reference.path : parent(reference.path);
}

export function parent(template: string): string {
  return template.slice(0, template.lastIndexOf("/"));
}

/** The method of a resource whose command streams its `every` list (`iterate`). */
export function everyMethod(entry: ResourceEntry): MethodEntry {
  return need(
    entry.methods.find(
      (method) =>
        method.paginate &&
        method.operation.method === entry.every?.method &&
        method.operation.path === entry.every.path,
    ),
    `method of ${entry.command} that streams its paged list`,
  );
}

/** Whether a request (method and URL, as the fake API reports it) is a page of this list. */
export function isPageOf(reference: OperationReference, method: string, url: string): boolean {
  return method === reference.method && pathMatches(reference.path, new URL(url, "http://fake").pathname);
}

const same = (left: string, right: string) => left.toLowerCase() === right.toLowerCase();

/** A sub-list of a resource's records (`organizations people <organizationId>`) and its add and remove methods. */
export interface SubList {
  entry: ResourceEntry;
  /** The paged method with one path parameter (the parent's). */
  list: MethodEntry;
  /** Adds an item: a link without a body (`add-person <organizationId> <personId>`), or a create with one (`add-member <committeeId>`). */
  add: MethodEntry;
  /** Removes an item: `<parentId> <itemId>`. */
  remove: MethodEntry;
}

function subLists(): SubList[] {
  return resourceTable.flatMap((entry) =>
    entry.methods.flatMap((list) => {
      if (!list.paginate || list.pathParameters.length !== 1) return [];
      const collection = listedCollection(list.operation);
      const isItem = (method: MethodEntry) =>
        method.pathParameters.length === 2 && same(parent(method.operation.path), collection);
      const removes = entry.methods.filter((method) => method.operation.method === "DELETE" && isItem(method));
      return entry.methods.flatMap((add) => {
        const links = !add.paginate && add.body === "none" && add.operation.method === "PUT" && isItem(add);
        const creates =
          !add.paginate &&
          add.body !== "none" &&
          add.operation.method === "POST" &&
          add.pathParameters.length === 1 &&
          same(add.operation.path, collection);
        const remove = removes.find((candidate) => !links || same(candidate.operation.path, add.operation.path));
        return (links || creates) && remove ? [{ entry, list, add, remove }] : [];
      });
    }),
  );
}

/** The first sub-list whose items are records of another resource, linked by a PUT without a body. */
export function linkedSubList(): SubList {
  return need(
    subLists().find((subList) => subList.add.body === "none"),
    "sub-list with a link method (PUT …/{parentId}/…/{itemId} without a body), its paged list and its delete",
  );
}

/** The first sub-list whose items are created by a POST with a body (`add-member`). */
export function createdSubList(): SubList {
  return need(
    subLists().find((subList) => subList.add.body !== "none"),
    "sub-list with a create method (POST …/{parentId}/… with a body), its paged list and its delete",
  );
}

/**
 * The resource whose records a linked sub-list holds: the one whose collection ends in the same
 * noun (`/organizations/{id}/people` → `/people`, `/Organization/{id}/Person` → `/Person`), as the
 * sandbox links them.
 */
export function linkTarget(subList: SubList): ResourceEntry {
  const noun = (template: string) =>
    (
      template
        .split("/")
        .filter((segment) => segment !== "" && !segment.startsWith("{"))
        .at(-1) ?? ""
    )
      .toLowerCase()
      .replace(/s$/, "");
  const wanted = noun(parent(subList.add.operation.path));
  return need(
    resourceTable.find(
      (entry) => entry.operations.get && entry.operations.list && noun(parent(entry.operations.get.path)) === wanted,
    ),
    `resource whose records ${subList.entry.command} ${subList.add.command} links (a collection named like "${wanted}")`,
  );
}
