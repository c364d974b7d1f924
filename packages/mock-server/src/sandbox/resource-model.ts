// The sandbox's collections, read from the document's paths: `/x` is a collection, `/x/{id}` its
// item, `/x/{id}/y` a nested collection, and a POST whose answer is a page lists its parent path.
// Nothing here names a resource, so a new document brings its own collections.
import {
  type HttpOperation,
  type JsonSchema,
  requestBodySchema,
  schemaProperties,
  successResponse,
} from "../document/http-operation.js";
import { isParameterSegment, type PathTemplate, parentTemplate, pathTemplate } from "../document/path-template.js";
import { findLinkTarget } from "./link-target.js";
import { detectPaging, type PagingShape } from "./paging-shape.js";

export type RouteKind = "list" | "create" | "get" | "update" | "delete" | "link";

export interface ResourceRoute {
  kind: RouteKind;
  operation: HttpOperation;
  template: PathTemplate;
  /** The collection's path template, e.g. `/api/v1/committees/{committeeId}/members`. */
  collection: string;
  success: { status: number; schema?: JsonSchema };
  paging?: PagingShape;
}

export interface Collection {
  template: PathTemplate;
  /** The record field that holds the item id: the item parameter's name when records carry it (`personId`), else `id`. */
  keyField: string;
  keySchema: JsonSchema | undefined;
  recordSchema: JsonSchema | undefined;
  /** For a membership collection (items are added by a PUT without a body): the collection its items live in. */
  linkTarget?: string;
}

export interface ResourceModel {
  routes: ResourceRoute[];
  collections: Map<string, Collection>;
}

export function buildResourceModel(operations: HttpOperation[]): ResourceModel {
  const routes = operations.flatMap((operation) => {
    const route = classify(operation);
    return route === undefined ? [] : [route];
  });
  const collections = new Map<string, Collection>();
  for (const template of new Set(routes.map((route) => route.collection))) {
    collections.set(template, describeCollection(template, routes));
  }
  const isMembership = (template: string) =>
    routes.some((route) => route.collection === template && route.kind === "link");
  const candidates = new Map(
    [...collections].map(([template, collection]) => [
      template,
      { template: collection.template, itemParameter: itemParameter(routes, template) },
    ]),
  );
  const targets = [...candidates.entries()].flatMap(([template, candidate]) =>
    isMembership(template) ? [] : [candidate],
  );
  for (const [template, collection] of collections) {
    const membership = candidates.get(template);
    if (!isMembership(template) || membership === undefined) continue;
    const target = findLinkTarget(membership, targets);
    if (target !== undefined) collection.linkTarget = target;
  }
  return { routes, collections };
}

function classify(operation: HttpOperation): ResourceRoute | undefined {
  const segments = operation.path.split("/");
  const template = pathTemplate(operation.path);
  const success = successResponse(operation);
  const base = { operation, template, success };
  if (isParameterSegment(segments.at(-1))) {
    const collection = parentTemplate(operation.path);
    const kind = itemKind(operation);
    return kind === undefined ? undefined : { ...base, kind, collection };
  }
  const paging = detectPaging(operation);
  if (operation.method === "get")
    return paging ? { ...base, kind: "list", collection: operation.path, paging } : undefined;
  if (operation.method === "post" && paging)
    return { ...base, kind: "list", collection: parentTemplate(operation.path), paging };
  if (operation.method === "post") return { ...base, kind: "create", collection: operation.path };
  return undefined;
}

function itemKind(operation: HttpOperation): RouteKind | undefined {
  if (operation.method === "get") return "get";
  if (operation.method === "delete") return "delete";
  if (operation.method === "put" || operation.method === "patch") {
    return requestBodySchema(operation) === undefined ? "link" : "update";
  }
  return undefined;
}

function itemParameter(routes: ResourceRoute[], collection: string): string | undefined {
  const item = routes.find(
    (route) => route.collection === collection && route.kind !== "list" && route.kind !== "create",
  );
  return item?.template.parameters.at(-1);
}

function describeCollection(template: string, routes: ResourceRoute[]): Collection {
  const own = routes.filter((route) => route.collection === template);
  const schemaOf = (kind: RouteKind) => own.find((route) => route.kind === kind)?.success.schema;
  const listed = own.find((route) => route.kind === "list")?.paging?.itemSchema;
  const recordSchema = schemaOf("get") ?? schemaOf("create") ?? schemaOf("update") ?? listed;
  const properties = schemaProperties(recordSchema);
  const parameter = itemParameter(routes, template);
  const keyField =
    parameter !== undefined && parameter in properties ? parameter : "id" in properties ? "id" : (parameter ?? "id");
  return { template: pathTemplate(template), keyField, keySchema: properties[keyField], recordSchema };
}
