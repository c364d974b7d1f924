import { stringify } from "yaml";
import { SpecPullError } from "./spec-pull-error.js";

/*
 * The normal form of the committed spec, so that pulling an unchanged API gives a byte-identical file:
 *
 * - The root: openapi, info, jsonSchemaDialect, servers, security, tags, externalDocs, paths, webhooks, components,
 *   then any other keys (x-…) in source order.
 * - `paths` and `webhooks`: sorted by key. In each path item: $ref, summary, description, servers, parameters, then
 *   the operations in the order get, put, post, delete, options, head, patch, trace, then other keys in source order.
 * - `components`: schemas, responses, parameters, examples, requestBodies, headers, securitySchemes, links, callbacks,
 *   pathItems, then other keys in source order; each of those maps sorted by name.
 * - Everything else keeps its source order: property order in a schema and key order in an operation carry the
 *   author's intent, and sorting them would make the file harder to read for no gain in stability.
 *
 * Sorting compares UTF-16 code units, not locale collation, so it gives the same order on every machine. As in any
 * JavaScript object, integer-like keys (such as response codes) come first, in numeric order.
 */

const ROOT_ORDER = [
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "security",
  "tags",
  "externalDocs",
  "paths",
  "webhooks",
  "components",
];

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

const PATH_ITEM_ORDER = ["$ref", "summary", "description", "servers", "parameters", ...HTTP_METHODS];

const COMPONENTS_ORDER = [
  "schemas",
  "responses",
  "parameters",
  "examples",
  "requestBodies",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Returns a copy of an OpenAPI document with its keys in normal order. Nothing is added or dropped. */
export function normaliseDocument(document: Record<string, unknown>): JsonObject {
  const root = toJson(document, new Set()) as JsonObject;
  return mapEntries(orderKeys(root, ROOT_ORDER), (key, value) => {
    if (key === "paths" || key === "webhooks") return normalisePathItems(value);
    if (key === "components" && isObject(value)) {
      return mapEntries(orderKeys(value, COMPONENTS_ORDER), (kind, map) =>
        COMPONENTS_ORDER.includes(kind) && isObject(map) ? sortKeys(map) : map,
      );
    }
    return value;
  });
}

/** Serialises a normalised document: block YAML, 2-space indent, long lines never folded, ends with a newline. */
export function stringifySpec(document: JsonObject): string {
  return stringify(document, {
    indent: 2,
    lineWidth: 0,
    minContentWidth: 0,
    aliasDuplicateObjects: false,
    // Quote the strings a YAML 1.1 reader would take for something else ("yes", "on", 2024-01-01, 0755).
    // The output is still plain YAML 1.2 and reads back the same everywhere.
    version: "1.1",
  });
}

function normalisePathItems(value: Json): Json {
  if (!isObject(value)) return value;
  return mapEntries(sortKeys(value), (_path, item) => (isObject(item) ? orderKeys(item, PATH_ITEM_ORDER) : item));
}

/** Deep copy into plain JSON values; rejects what YAML can express but OpenAPI cannot (cycles, dates, maps). */
function toJson(value: unknown, ancestors: Set<object>): Json {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new SpecPullError(`the document contains a non-finite number (${value})`);
    return value;
  }
  if (typeof value !== "object") throw new SpecPullError(`the document contains a value of type ${typeof value}`);
  if (ancestors.has(value)) throw new SpecPullError("the document contains a circular YAML alias");
  if (
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) !== Object.prototype &&
    Object.getPrototypeOf(value) !== null
  ) {
    throw new SpecPullError(`the document contains a ${value.constructor.name}, which JSON cannot represent`);
  }
  ancestors.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => toJson(item, ancestors))
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item, ancestors)]));
  ancestors.delete(value);
  return copy;
}

function orderKeys(object: JsonObject, order: readonly string[]): JsonObject {
  const known = order.filter((key) => Object.hasOwn(object, key));
  const rest = Object.keys(object).filter((key) => !order.includes(key));
  return pick(object, [...known, ...rest]);
}

function sortKeys(object: JsonObject): JsonObject {
  return pick(object, Object.keys(object).sort(compareCodeUnits));
}

function pick(object: JsonObject, keys: string[]): JsonObject {
  // Object.fromEntries defines own properties, so a key named "__proto__" stays an ordinary key.
  return Object.fromEntries(keys.map((key) => [key, object[key] as Json]));
}

function mapEntries(object: JsonObject, map: (key: string, value: Json) => Json): JsonObject {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(key, value)]));
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
