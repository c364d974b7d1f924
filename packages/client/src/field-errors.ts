import { isRecord } from "./is-record.js";

/** Field-level validation messages, keyed by field name (`email`, `address.city`). */
export type FieldErrors = Record<string, string[]>;

/**
 * The fields a 400 names: from Prism's `sl-violations` header (`[{ location: ["request", "body",
 * "email"], message }]`) when a mock sent one, since a mock's body is only the spec's example;
 * else from the API's body (`{ errors: { email: ["…"] } }`, ASP.NET style).
 */
export function readFieldErrors(body: unknown, headers?: Headers): FieldErrors | undefined {
  return fromViolations(headers?.get("sl-violations")) ?? fromBody(body);
}

// Collected in a Map and made with Object.fromEntries: a field a server names "__proto__" stays a
// field instead of replacing the object's prototype.
function fromBody(body: unknown): FieldErrors | undefined {
  if (!isRecord(body) || !isRecord(body.errors)) return undefined;
  const fieldErrors = new Map<string, string[]>();
  for (const [field, messages] of Object.entries(body.errors)) {
    if (Array.isArray(messages)) fieldErrors.set(field, messages.map(String));
    else if (typeof messages === "string") fieldErrors.set(field, [messages]);
  }
  return fieldErrors.size ? Object.fromEntries(fieldErrors) : undefined;
}

function fromViolations(header: string | null | undefined): FieldErrors | undefined {
  if (!header) return undefined;
  let violations: unknown;
  try {
    violations = JSON.parse(header);
  } catch {
    return { request: [header] };
  }
  if (!Array.isArray(violations) || violations.length === 0) return undefined;
  const fieldErrors = new Map<string, string[]>();
  for (const violation of violations) {
    if (!isRecord(violation)) continue;
    const field = fieldName(violation.location ?? violation.path);
    const message = typeof violation.message === "string" ? violation.message : "is invalid";
    fieldErrors.set(field, [...(fieldErrors.get(field) ?? []), message]);
  }
  return Object.fromEntries(fieldErrors);
}

// ["request", "body", "email"] → "email"; ["request", "query", "pageSize"] → "query.pageSize".
function fieldName(location: unknown): string {
  if (!Array.isArray(location)) return "request";
  const parts = location.map(String);
  for (const prefix of ["request", "body"]) if (parts[0] === prefix) parts.shift();
  return parts.join(".") || "body";
}

// A body may name a million fields; an error keeps this many, each with this many messages.
const maxFields = 1_000;
const maxMessagesPerField = 100;

/** `fieldErrors` cut to the first 1,000 fields, 100 messages each; the same object when already within. */
export function limitFieldErrors(fieldErrors: FieldErrors): FieldErrors {
  const entries = Object.entries(fieldErrors);
  if (entries.length <= maxFields && entries.every(([, messages]) => messages.length <= maxMessagesPerField))
    return fieldErrors;
  return Object.fromEntries(
    entries.slice(0, maxFields).map(([field, messages]) => [field, messages.slice(0, maxMessagesPerField)]),
  );
}
