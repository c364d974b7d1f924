// One-line descriptions of request and response bodies, for the demo's output.
const maxLength = 100;

/** A request body as compact JSON (`{"firstName":"Jane",…}`); a form arrives already as text. */
export function describeRequestBody(body: unknown): string {
  if (body === undefined) return "";
  return typeof body === "string" ? body : truncate(JSON.stringify(body));
}

/** A response body in words: a page's size and first items, a record's name and id, a token's lifetime. */
export function describeResponseBody(body: unknown): string {
  if (body === undefined) return "no content";
  if (!isRecord(body)) return truncate(JSON.stringify(body));
  // A page: `{ data, totalCount, pageIndex }` in our guide, `{ result, totalCount, itemCount }` in the live API.
  const items = Array.isArray(body.data) ? body.data : Array.isArray(body.result) ? body.result : undefined;
  if (items) {
    const labels = items.slice(0, 3).map((item) => label(item, false));
    const more = items.length > 3 ? ", …" : "";
    const total = typeof body.totalCount === "number" ? ` of ${body.totalCount}` : "";
    const position = body.pageIndex === undefined ? "" : `page ${String(body.pageIndex)}, `;
    return `${position}${items.length}${total}${labels.length ? `: ${labels.join(", ")}${more}` : ""}`;
  }
  if ("token_type" in body || "expires_in" in body) {
    // The recorder has already dropped access_token; these are the only fields worth showing.
    return `token_type=${String(body.token_type)} expires_in=${String(body.expires_in)} scope="${String(body.scope ?? "")}"`;
  }
  if (typeof body.title === "string") return truncate([body.title, body.detail].filter(Boolean).join(": "));
  return truncate(label(body));
}

/** What to call a record: a person's name, an organization's or committee's name, a membership's position. */
export function label(item: unknown, withId = true): string {
  if (!isRecord(item)) return JSON.stringify(item);
  const id = withId && typeof item.id === "string" ? ` (${item.id})` : "";
  if (typeof item.firstName === "string") return `${item.firstName} ${String(item.lastName ?? "")}`.trim() + id;
  if (typeof item.name === "string")
    return `${item.name}${typeof item.type === "string" ? ` [${item.type}]` : ""}${id}`;
  if (typeof item.position === "string")
    return `${item.position} ${String(item.personId ?? "")} from ${String(item.startDate ?? "?")}`;
  return truncate(JSON.stringify(item));
}

function truncate(text: string): string {
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
