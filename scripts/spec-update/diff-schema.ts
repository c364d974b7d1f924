import { type Change, diffDocs, isDocsKeyword, major, minor, sameJson } from "./change.js";
import { asArray, asObject, isObject, type JsonObject, type OpenApi, refOf, resolve } from "./openapi.js";
import type { Direction } from "./schema-usage.js";

export interface SchemaContext {
  before: OpenApi;
  after: OpenApi;
  direction: Direction;
  /** `before-ref|after-ref` pairs already compared on this walk, so recursive schemas end. */
  seen: Set<string>;
}

/** Where a schema sits: `root` names the place (`request body`), `path` the property inside it (`address.city`). */
export interface SchemaPlace {
  root: string;
  path: string;
}

// Keywords handled one by one below; any other keyword that changes is reported as a minor change.
const HANDLED = new Set([
  "$ref",
  "type",
  "format",
  "nullable",
  "enum",
  "properties",
  "required",
  "items",
  "additionalProperties",
  "allOf",
  "oneOf",
  "anyOf",
]);
// A request that used to be valid may be rejected once these tighten (e.g. maxLength 100 → 50).
const UPPER_BOUNDS = ["maximum", "maxLength", "maxItems", "maxProperties"];
const LOWER_BOUNDS = ["minimum", "minLength", "minItems", "minProperties"];

/**
 * Compares two schemas at the same place and appends what changed. Two references to the same component schema are
 * not descended into: that schema is compared once, under its own name, instead of at every place that uses it.
 */
export function diffSchema(context: SchemaContext, before: unknown, after: unknown, place: SchemaPlace, out: Change[]) {
  const beforeRef = refOf(before);
  const afterRef = refOf(after);
  if (beforeRef !== undefined && beforeRef === afterRef) return;
  if (beforeRef !== undefined || afterRef !== undefined) {
    const pair = `${beforeRef}|${afterRef}`;
    if (context.seen.has(pair)) return;
    context.seen.add(pair);
  }
  const a = resolve(context.before, before);
  const b = resolve(context.after, after);
  if (!a || !b) {
    if (a) out.push(major(say(place, "schema removed")));
    else if (b) out.push(minor(say(place, "schema added")));
    return;
  }
  const { request, response } = context.direction;

  const typeBefore = typeText(a);
  const typeAfter = typeText(b);
  if (typeBefore !== typeAfter) {
    out.push(major(say(place, `type ${typeBefore} → ${typeAfter}`)));
    return; // everything below would only restate the type change
  }
  if (a.format !== b.format) {
    const change = a.format !== undefined && b.format !== undefined ? major : minor;
    out.push(change(say(place, `format ${a.format ?? "(none)"} → ${b.format ?? "(none)"}`)));
  }
  const nullableBefore = isNullable(a);
  const nullableAfter = isNullable(b);
  if (nullableBefore !== nullableAfter) {
    if (nullableAfter) out.push((response ? major : minor)(say(place, "may now be null")));
    else out.push((request ? major : minor)(say(place, "no longer accepts null")));
  }
  diffEnum(a, b, place, out);
  diffProperties(context, a, b, place, out);
  if (a.items !== undefined || b.items !== undefined) {
    diffSchema(context, a.items, b.items, { ...place, path: `${place.path}[]` }, out);
  }
  diffAdditionalProperties(context, a, b, place, out);
  for (const keyword of ["allOf", "oneOf", "anyOf"]) {
    const listBefore = asArray(a[keyword]);
    const listAfter = asArray(b[keyword]);
    if (listBefore.length !== listAfter.length) {
      out.push(major(say(place, `${keyword} has ${listAfter.length} schemas instead of ${listBefore.length}`)));
      continue;
    }
    listBefore.forEach((item, index) => {
      diffSchema(context, item, listAfter[index], place, out);
    });
  }
  diffConstraints(a, b, place, request, out);
  diffDocs(a, b, [place.root, place.path && `"${place.path}"`].filter(Boolean).join(" "), out);
}

function diffEnum(a: JsonObject, b: JsonObject, place: SchemaPlace, out: Change[]) {
  if (!Array.isArray(a.enum) && !Array.isArray(b.enum)) return;
  const before = asArray(a.enum).map((value) => JSON.stringify(value));
  const after = asArray(b.enum).map((value) => JSON.stringify(value));
  if (!Array.isArray(b.enum)) return void out.push(minor(say(place, "no longer limited to an enum")));
  if (!Array.isArray(a.enum)) return void out.push(major(say(place, `now limited to ${after.join(", ")}`)));
  const removed = before.filter((value) => !after.includes(value));
  const added = after.filter((value) => !before.includes(value));
  if (removed.length > 0) out.push(major(say(place, `enum value${plural(removed)} ${removed.join(", ")} removed`)));
  // A new value is an addition; code that switches over a response value should have a default branch anyway.
  if (added.length > 0) out.push(minor(say(place, `enum value${plural(added)} ${added.join(", ")} added`)));
}

function diffProperties(context: SchemaContext, a: JsonObject, b: JsonObject, place: SchemaPlace, out: Change[]) {
  const before = asObject(a.properties);
  const after = asObject(b.properties);
  const requiredBefore = new Set(asArray(a.required).map(String));
  const requiredAfter = new Set(asArray(b.required).map(String));
  const { request, response } = context.direction;
  for (const name of Object.keys(before)) {
    if (!Object.hasOwn(after, name)) out.push(major(say(place, `property "${join(place.path, name)}" removed`)));
  }
  for (const name of Object.keys(after)) {
    const property = join(place.path, name);
    if (!Object.hasOwn(before, name)) {
      const required = requiredAfter.has(name) && request;
      out.push((required ? major : minor)(say(place, `${required ? "required " : ""}property "${property}" added`)));
      continue;
    }
    const wasRequired = requiredBefore.has(name);
    const isRequired = requiredAfter.has(name);
    if (!wasRequired && isRequired) out.push((request ? major : minor)(say(place, `"${property}" is now required`)));
    if (wasRequired && !isRequired) out.push((response ? major : minor)(say(place, `"${property}" is now optional`)));
    diffSchema(context, before[name], after[name], { ...place, path: property }, out);
  }
}

function diffAdditionalProperties(
  context: SchemaContext,
  a: JsonObject,
  b: JsonObject,
  place: SchemaPlace,
  out: Change[],
) {
  const before = a.additionalProperties;
  const after = b.additionalProperties;
  if (sameJson(before, after)) return;
  if (isObject(before) && isObject(after)) {
    diffSchema(context, before, after, { ...place, path: `${place.path}{}` }, out);
    return;
  }
  const closes = after === false && before !== false;
  out.push(
    (closes && context.direction.request ? major : minor)(
      say(place, closes ? "no longer allows extra properties" : "additionalProperties changed"),
    ),
  );
}

function diffConstraints(a: JsonObject, b: JsonObject, place: SchemaPlace, request: boolean, out: Change[]) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (HANDLED.has(key) || isDocsKeyword(key) || sameJson(a[key], b[key])) continue;
    const before = a[key];
    const after = b[key];
    const tighter =
      (UPPER_BOUNDS.includes(key) && typeof after === "number" && !(typeof before === "number" && before <= after)) ||
      (LOWER_BOUNDS.includes(key) && typeof after === "number" && !(typeof before === "number" && before >= after)) ||
      (key === "pattern" && after !== undefined);
    const text = `${key} ${show(before)} → ${show(after)}`;
    out.push((tighter && request ? major : minor)(say(place, text)));
  }
}

/** `string`, `integer`, `object`, `array`, `allOf`, …, or `any`; `null` is left to isNullable. */
function typeText(schema: JsonObject): string {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (type): type is string => typeof type === "string" && type !== "null",
  );
  if (types.length > 0) return types.sort().join(" | ");
  if (isObject(schema.properties) || schema.additionalProperties !== undefined) return "object";
  if (schema.items !== undefined) return "array";
  for (const keyword of ["allOf", "oneOf", "anyOf"]) if (Array.isArray(schema[keyword])) return keyword;
  return "any";
}

function isNullable(schema: JsonObject): boolean {
  return (
    schema.nullable === true ||
    (Array.isArray(schema.type) && schema.type.includes("null")) ||
    (Array.isArray(schema.enum) && schema.enum.includes(null))
  );
}

/** `request body: "address.city" type string → integer`, or at the root `request body: type …`. */
function say(place: SchemaPlace, text: string): string {
  const subject = place.path ? `"${place.path}" ` : "";
  const root = place.root ? `${place.root}: ` : "";
  // Property additions and removals already name the property in full.
  return text.startsWith("property ") || text.startsWith("required property ") || text.startsWith('"')
    ? `${root}${text}`
    : `${root}${subject}${text}`;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function show(value: unknown): string {
  return value === undefined ? "(none)" : JSON.stringify(value);
}

function plural(list: unknown[]): string {
  return list.length === 1 ? "" : "s";
}
