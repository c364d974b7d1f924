// The fields a server sets on a record: a new key, creation and change timestamps, and the
// schema's defaults for required fields the caller left out, so a stored record satisfies the
// document's response schema.
import { randomUUID } from "node:crypto";
import { allowsType, type JsonObject, type JsonSchema, schemaProperties } from "../document/http-operation.js";

const creationField = /^(created|creation|inserted)(at|date|on|time|timestamp|datetime)?$/i;
const changeField = /^(updated|modified|lastmodified|lastupdated|changed)(at|date|on|time|timestamp|datetime|by)?$/i;

/** A new key for a collection: the next integer for integer keys, else a UUID. */
export function newKey(keySchema: JsonSchema | undefined, existing: Iterable<string>): string | number {
  if (allowsType(keySchema, "integer") || allowsType(keySchema, "number")) {
    let highest = 0;
    for (const key of existing) highest = Math.max(highest, Number(key) || 0);
    return highest + 1;
  }
  return randomUUID();
}

/** Fills what the server owns on a create: timestamps, then the defaults of required fields still missing. */
export function completeCreated(record: JsonObject, schema: JsonSchema | undefined, now: Date): JsonObject {
  const completed = { ...record };
  const required = new Set(Array.isArray(schema?.required) ? schema.required : []);
  for (const [name, property] of Object.entries(schemaProperties(schema))) {
    if (completed[name] !== undefined) continue;
    if (isTimestamp(property) && (creationField.test(name) || changeField.test(name))) {
      completed[name] = timestamp(property, now);
    } else if (required.has(name)) {
      completed[name] = defaultValue(property);
    }
  }
  return completed;
}

/** Moves the change timestamps of an updated record to now. */
export function touchUpdated(record: JsonObject, schema: JsonSchema | undefined, now: Date): JsonObject {
  const touched = { ...record };
  for (const [name, property] of Object.entries(schemaProperties(schema))) {
    if (isTimestamp(property) && changeField.test(name)) touched[name] = timestamp(property, now);
  }
  return touched;
}

function isTimestamp(schema: JsonSchema): boolean {
  return schema.format === "date-time" || schema.format === "date";
}

function timestamp(schema: JsonSchema, now: Date): string {
  const text = now.toISOString();
  return schema.format === "date" ? text.slice(0, 10) : text;
}

function defaultValue(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default;
  const examples = schema.examples;
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  if (allowsType(schema, "null")) return null;
  if (allowsType(schema, "boolean")) return false;
  if (allowsType(schema, "integer") || allowsType(schema, "number")) return 0;
  if (allowsType(schema, "array")) return [];
  if (allowsType(schema, "object")) return {};
  return "";
}
