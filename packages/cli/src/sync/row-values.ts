import type { ObjectFields } from "../document/schemas.js";

/** A row's fields as the API takes them, or the problems that make it invalid. */
export type RowCheck = { ok: true; body: Record<string, unknown> } | { ok: false; problems: string[] };

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Converts a row (strings from CSV, any JSON from JSON Lines) to the create schema's field types,
 * and checks required fields and formats. An empty cell is null for a nullable field and absent
 * otherwise. Columns the schema does not have are problems, so a typo never passes silently;
 * `ignoredColumns` (the records' read-only fields, such as `id` in an exported file) are skipped.
 */
export function checkRow(
  values: Record<string, unknown>,
  fields: ObjectFields,
  ignoredColumns: ReadonlySet<string> = new Set(),
): RowCheck {
  const problems: string[] = [];
  const body: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(values)) {
    if (ignoredColumns.has(name)) continue;
    const field = fields.types.get(name);
    if (!field) {
      problems.push(`"${name}" is not a field (fields: ${fields.names.join(", ")})`);
      continue;
    }
    if (raw === "" || raw === null || raw === undefined) {
      if (field.nullable) body[name] = null;
      continue;
    }
    const value = convert(raw, field.type);
    if (value === undefined) {
      problems.push(`${name} "${String(raw)}" is not a ${field.type}`);
      continue;
    }
    if (field.format === "email" && !emailPattern.test(String(value))) {
      problems.push(`${name} "${String(value)}" is not an email address`);
      continue;
    }
    body[name] = value;
  }
  for (const name of fields.required) {
    if (!(name in body) && !problems.some((problem) => problem.startsWith(name))) problems.push(`${name} is missing`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, body };
}

function convert(raw: unknown, type: string | undefined): unknown {
  if (typeof raw !== "string") {
    if (type === "string") return typeof raw === "number" ? String(raw) : undefined;
    return raw;
  }
  const text = raw.trim();
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : undefined;
  if (type === "integer" || type === "number") {
    const number = Number(text);
    return Number.isFinite(number) && (type === "number" || Number.isInteger(number)) ? number : undefined;
  }
  return text;
}

/** How two values of the match field are compared: emails ignore case and spaces. */
export function matchKey(value: unknown): string {
  return String(value ?? "")
    .trim()
    .toLowerCase();
}
