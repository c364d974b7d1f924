import { isRecord } from "./is-record.js";

// A server may put anything in a title, a detail or an OAuth description; a message quotes this much.
const maxDetailLength = 200;

/** `invalid_client (Unknown client)` when the body is an OAuth2 error (RFC 6749 §5.2). */
export function describeOAuthError(body: unknown): string | undefined {
  const oauth = readOAuthError(body);
  return oauth && clip(oauth.description ? `${oauth.error} (${oauth.description})` : oauth.error);
}

/** One line for an error message from a response body: its text, problem title and detail, or OAuth error. */
export function readDetail(body: unknown): string | undefined {
  if (typeof body === "string") {
    const text = body.trim();
    if (!text || text.startsWith("<")) return undefined; // an HTML error page says nothing useful in one line
    return clip(text);
  }
  if (!isRecord(body)) return undefined;
  const problem = [body.title, body.detail].filter((part) => typeof part === "string" && part).join(": ");
  return describeOAuthError(body) ?? (problem ? clip(problem) : undefined);
}

export function readOAuthError(body: unknown): { error: string; description: string | undefined } | undefined {
  if (!isRecord(body) || typeof body.error !== "string") return undefined;
  return {
    error: clip(body.error),
    description: typeof body.error_description === "string" ? clip(body.error_description) : undefined,
  };
}

/** `text` cut to `length` characters, with an ellipsis when cut. */
export function clip(text: string, length = maxDetailLength): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
