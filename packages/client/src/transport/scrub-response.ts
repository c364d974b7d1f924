import { CrmError } from "../crm-error.js";

/**
 * The response with every known secret a server echoed back removed: from the header values of
 * any response (a `WWW-Authenticate` or `X-Request-Id` quoting the token would otherwise reach
 * middleware, the error's `requestId` and the log), and from the body of an error response. A
 * response with nothing to remove comes back as it is.
 */
export async function scrubResponse(response: Response, scrub: (text: string) => string): Promise<Response> {
  const headers = scrubHeaders(response.headers, scrub);
  if (response.ok) {
    if (!headers) return response;
    const { status, statusText } = response;
    return new Response(response.body, { status, statusText, headers });
  }
  if (!response.body && !headers) return response;
  const { status, statusText } = response;
  // Bytes, not a string: a string body would add a Content-Type the server did not send.
  const body = response.body ? new TextEncoder().encode(scrub(await response.text())) : null;
  return new Response(body, { status, statusText, headers: headers ?? response.headers });
}

/** A copy of `headers` with secrets removed from their values; undefined when none held one. */
function scrubHeaders(headers: Headers, scrub: (text: string) => string): Headers | undefined {
  let changed = false;
  // Pairs, not a Headers: nearly every response holds no secret, and only one that does pays for a copy.
  const clean: [string, string][] = [];
  const add = (name: string, value: string) => {
    const scrubbed = scrub(value);
    if (scrubbed !== value) changed = true;
    clean.push([name, scrubbed]);
  };
  headers.forEach((value, name) => {
    if (name !== "set-cookie") add(name, value);
  });
  for (const cookie of headers.getSetCookie?.() ?? []) add("set-cookie", cookie);
  return changed ? new Headers(clean) : undefined;
}

/**
 * The error with known secrets removed from its message and stack. Messages quote what a server
 * sent (a redirect's Location, say), which may echo the token or the client secret.
 */
export function scrubError(error: unknown, scrub: (text: string) => string): unknown {
  if (!(error instanceof CrmError)) return error;
  const message = scrub(error.message);
  if (message !== error.message) {
    error.message = message;
    if (error.stack) error.stack = scrub(error.stack);
  }
  return error;
}
