// Values for a case's path parameters that name records the mock really serves. A parameter names an
// item of the collection its path leads to (`{organizationId}` of `/api/Organization`, `{personId}` of
// `/api/Committee/{committeeId}/Member`), as the sandbox reads the document. The first record that
// collection lists is taken; when it lists none (a stateful sandbox's empty memberships), one is
// created, or linked from the collection a membership links to. Linking takes a record of that
// collection directly. A parameter of no collection (or a link to none, which the sandbox takes as it
// is) gets the document's example, or a generated value.
// These requests go through a second client (`setup`), so the case's own client sends one request.
import { type CrmClient, unwrap } from "@engagifii/crm-client";
import { type HttpOperation, isObject } from "../../src/document/http-operation.js";
import { pathTemplate } from "../../src/document/path-template.js";
import type { Collection } from "../../src/sandbox/resource-model.js";
import { type CaseDocument, operationIdOf } from "./case-document.js";
import { documentOperation, paginateOperation, pagingOf, sendOperation } from "./document-operations.js";
import { requestInit } from "./request-init.js";
import { parameterValue } from "./request-values.js";

export async function pathValues(
  document: CaseDocument,
  setup: CrmClient,
  operation: HttpOperation,
): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  const names = pathTemplate(operation.path).parameters;
  const route = document.routeOf(operationIdOf(operation));
  for (const [index, name] of names.entries()) {
    const collection = document.model.collections.get(operation.path.slice(0, operation.path.indexOf(`/{${name}}`)));
    const isLinked = route?.kind === "link" && index === names.length - 1;
    const linked = isLinked ? linkTarget(document, collection) : undefined;
    const id =
      collection === undefined || (isLinked && linked === undefined)
        ? parameterValue(operation, "path", name)
        : await recordId(document, setup, linked ?? collection, linked ? {} : values);
    if (id === undefined) {
      const where = (linked ?? collection)?.template.template ?? operation.path;
      throw new Error(`no value for {${name}}: ${where} lists no record and has no operation that creates one`);
    }
    values[name] = String(id);
  }
  return values;
}

/** The key of a record of the collection: the first it lists, else one created or linked for the case. */
async function recordId(
  document: CaseDocument,
  setup: CrmClient,
  collection: Collection,
  parents: Record<string, string>,
): Promise<unknown> {
  const routes = document.model.routes.filter((route) => route.collection === collection.template.template);
  const find = (kind: string) => routes.find((route) => route.kind === kind)?.operation;
  const list = find("list");
  const listed = list === undefined ? [] : await firstItems(document, setup, list, parents);
  const first = listed.find((item) => isObject(item) && item[collection.keyField] !== undefined);
  if (isObject(first)) return first[collection.keyField];

  const create = find("create");
  if (create !== undefined) {
    const init = requestInit(create, parents);
    const created = await step(`creating a record with ${operationIdOf(create)}`, async () =>
      unwrap(await sendOperation(setup, operationIdOf(create), init)),
    );
    const body = isObject(init.body) ? init.body : {};
    return isObject(created) ? (created[collection.keyField] ?? body[collection.keyField]) : body[collection.keyField];
  }

  const link = find("link");
  const target = linkTarget(document, collection);
  if (link === undefined || target === undefined) return undefined;
  const id = await recordId(document, setup, target, {});
  if (id === undefined) return undefined;
  const last = pathTemplate(link.path).parameters.at(-1) ?? "";
  await step(`linking ${String(id)} with ${operationIdOf(link)}`, async () =>
    unwrap(await sendOperation(setup, operationIdOf(link), { params: { path: { ...parents, [last]: String(id) } } })),
  );
  return id;
}

async function firstItems(
  document: CaseDocument,
  setup: CrmClient,
  list: HttpOperation,
  parents: Record<string, string>,
): Promise<unknown[]> {
  const operationId = operationIdOf(list);
  const listing = documentOperation(operationId);
  const paging = listing === undefined ? undefined : pagingOf(listing);
  const init = requestInit(list, parents, paging);
  return step(`listing with ${operationId}`, async () => {
    if (paging !== undefined) return paginateOperation(setup, operationId, init, { maxPages: 1 }).toArray();
    const body = unwrap(await sendOperation(setup, operationId, init));
    const route = document.routeOf(operationId);
    const items = Array.isArray(body) ? body : isObject(body) ? body[route?.paging?.itemsField ?? ""] : undefined;
    return Array.isArray(items) ? items : [];
  });
}

function linkTarget(document: CaseDocument, collection: Collection | undefined): Collection | undefined {
  return collection?.linkTarget === undefined ? undefined : document.model.collections.get(collection.linkTarget);
}

async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
