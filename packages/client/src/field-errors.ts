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

function fromBody(body: unknown): FieldErrors | undefined {
  if (!isRecord(body) || !isRecord(body.errors)) return undefined;
  const fieldErrors: FieldErrors = {};
  for (const [field, messages] of Object.entries(body.errors)) {
    if (Array.isArray(messages)) fieldErrors[field] = messages.map(String);
    else if (typeof messages === "string") fieldErrors[field] = [messages];
  }
  return Object.keys(fieldErrors).length ? fieldErrors : undefined;
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
  const fieldErrors: FieldErrors = {};
  for (const violation of violations) {
    if (!isRecord(violation)) continue;
    const field = fieldName(violation.location ?? violation.path);
    const messages = fieldErrors[field] ?? [];
    messages.push(typeof violation.message === "string" ? violation.message : "is invalid");
    fieldErrors[field] = messages;
  }
  return fieldErrors;
}

// ["request", "body", "email"] → "email"; ["request", "query", "pageSize"] → "query.pageSize".
function fieldName(location: unknown): string {
  if (!Array.isArray(location)) return "request";
  const parts = location.map(String).filter((part, index) => !(index === 0 && part === "request"));
  if (parts[0] === "body") parts.shift();
  return parts.join(".") || "body";
}
