import type { FetchFunction } from "@engagifii/crm-client";

/** One HTTP exchange as the demo shows it. Secrets never get in: see `safeBody`. */
export interface Exchange {
  method: string;
  /** Path and query, e.g. `/api/v1/people?pageIndex=0`. */
  target: string;
  requestBody: unknown;
  idempotencyKey: string | undefined;
  status: number;
  responseBody: unknown;
  durationMs: number;
}

/**
 * A fetch for the client that reports each exchange to a listener. The client sends the token
 * request through the same fetch, which is how the demo can show it; the secret, the token and
 * the Authorization header are dropped before anything is kept.
 */
export function createRecorder(send: FetchFunction = (request) => globalThis.fetch(request)): {
  fetch: FetchFunction;
  listen(listener: (exchange: Exchange) => void): void;
} {
  let listener: ((exchange: Exchange) => void) | undefined;
  const fetch: FetchFunction = async (request) => {
    const url = new URL(request.url);
    const requestText = request.body ? await request.clone().text() : "";
    const started = performance.now();
    const response = await send(request);
    const responseText = await response.clone().text();
    listener?.({
      method: request.method,
      target: `${url.pathname}${url.search}`,
      requestBody: safeBody(requestText, request.headers.get("content-type")),
      idempotencyKey: request.headers.get("idempotency-key") ?? undefined,
      status: response.status,
      responseBody: safeBody(responseText, response.headers.get("content-type")),
      durationMs: performance.now() - started,
    });
    return response;
  };
  return {
    fetch,
    listen(next) {
      listener = next;
    },
  };
}

// access_token, refresh_token, client_secret and the like; token_type and expires_in stay.
const secretKey = /(^|_)(access|refresh|id)_?token$|secret|password|^client_id$/i;

/** JSON parsed, or a form as text, without any field whose name looks secret (`access_token`, `client_secret`, …). */
function safeBody(text: string, contentType: string | null): unknown {
  if (text === "") return undefined;
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    const fields = [...new URLSearchParams(text)];
    const shown = new URLSearchParams(fields.filter(([key]) => !secretKey.test(key))).toString();
    const hidden = fields.filter(([key]) => secretKey.test(key)).map(([key]) => key);
    return hidden.length ? `${shown} (${hidden.join(", ")} not shown)` : shown;
  }
  try {
    return dropSecrets(JSON.parse(text));
  } catch {
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  }
}

function dropSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropSecrets);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !secretKey.test(key))
      .map(([key, child]) => [key, dropSecrets(child)]),
  );
}
