// Answers one request that Prism found valid, from the tenant's records: list, get, create,
// update, delete, and membership link/unlink, all in the document's own shapes and statuses.
import { documentsStatus, isObject, type JsonObject } from "../document/http-operation.js";
import { parentTemplate } from "../document/path-template.js";
import { problem, type SandboxResponse } from "../http/sandbox-response.js";
import type { Collection, ResourceModel, ResourceRoute } from "./resource-model.js";
import type { SandboxStore } from "./sandbox-store.js";
import { completeCreated, newKey, touchUpdated } from "./server-fields.js";

export interface RouteRequest {
  route: ResourceRoute;
  parameters: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  tenant: string;
  now: Date;
}

export function answerRoute(model: ResourceModel, store: SandboxStore, request: RouteRequest): SandboxResponse {
  const { route, parameters, tenant } = request;
  const collection = model.collections.get(route.collection);
  if (collection === undefined) return problem(500, `No collection for ${route.collection}`);
  const missingParent = findMissingParent(model, store, tenant, collection, parameters);
  if (missingParent !== undefined) return missingParent;
  const records = store.records(tenant, collection, parameters);
  const key = parameters[route.template.parameters.at(-1) ?? ""] ?? "";
  const target = collection.linkTarget === undefined ? undefined : model.collections.get(collection.linkTarget);
  const read = (id: string) => (target ? store.records(tenant, target, {}).get(id) : records.get(id));
  const success = (body?: unknown): SandboxResponse =>
    route.success.schema === undefined ? { status: route.success.status } : { status: route.success.status, body };

  switch (route.kind) {
    case "list": {
      const all = [...records.keys()].flatMap((id) => {
        const record = read(id);
        return record === undefined ? [] : [record];
      });
      const paging = route.paging;
      if (paging === undefined) return success(all);
      const filters = Object.entries(request.query).filter(([name]) => !paging.pagingFields.includes(name));
      const matching = all.filter((record) =>
        filters.every(([name, value]) => !(name in record) || String(record[name]) === value),
      );
      const page = paging.readPage(request.query, request.body);
      return success(paging.envelope(matching.slice(page.offset, page.offset + page.size), matching.length, page));
    }
    case "get": {
      const record = records.has(key) ? read(key) : undefined;
      return record === undefined ? notFound(collection, key) : success(record);
    }
    case "create": {
      const body = isObject(request.body) ? request.body : {};
      const given = body[collection.keyField];
      const id = given === undefined || given === null ? newKey(collection.keySchema, records.keys()) : given;
      if (records.has(String(id)) && documentsStatus(route.operation, 409)) {
        return problem(409, `${collection.keyField} ${String(id)} already exists`);
      }
      const parents = Object.fromEntries(collection.template.parameters.map((name) => [name, parameters[name]]));
      const record = completeCreated(
        { ...parentsInSchema(parents, collection), ...body, [collection.keyField]: id },
        collection.recordSchema,
        request.now,
      );
      records.set(String(id), record);
      return success(record);
    }
    case "update": {
      const existing = records.get(key);
      if (existing === undefined) return notFound(collection, key);
      const body = isObject(request.body) ? request.body : {};
      const record = touchUpdated(
        { ...existing, ...body, [collection.keyField]: existing[collection.keyField] },
        collection.recordSchema,
        request.now,
      );
      records.set(key, record);
      return success(record);
    }
    case "link": {
      if (target !== undefined && !store.records(tenant, target, {}).has(key)) return notFound(target, key);
      records.set(key, {});
      return success(read(key));
    }
    case "delete": {
      if (!records.delete(key)) return notFound(collection, key);
      return { status: route.success.status };
    }
  }
}

// A nested collection's parent (the committee of `/committees/{committeeId}/members`) must exist.
function findMissingParent(
  model: ResourceModel,
  store: SandboxStore,
  tenant: string,
  collection: Collection,
  parameters: Record<string, string>,
): SandboxResponse | undefined {
  const parentItem = parentTemplate(collection.template.template);
  const parent = model.collections.get(parentTemplate(parentItem));
  const parameter = collection.template.parameters.at(-1);
  if (parent === undefined || parameter === undefined || !parentItem.endsWith(`{${parameter}}`)) return undefined;
  const key = parameters[parameter] ?? "";
  return store.records(tenant, parent, parameters).has(key) ? undefined : notFound(parent, key);
}

function parentsInSchema(parents: Record<string, string | undefined>, collection: Collection): JsonObject {
  const properties = isObject(collection.recordSchema?.properties) ? collection.recordSchema.properties : {};
  return Object.fromEntries(Object.entries(parents).filter(([name]) => name in properties));
}

function notFound(collection: Collection, key: string): SandboxResponse {
  return problem(404, `No record ${key} in ${collection.template.template}`);
}
