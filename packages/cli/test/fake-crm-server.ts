// A small stateful fake of the API for the binary's tests (`--mock` runs the mock server's stateful
// sandbox). The tests need what the sandbox does not do: Idempotency-Keys honoured and counted, a
// hook on each request to kill the binary at a chosen write, and slow pages.
// It follows the document: any path whose template ends in a literal segment is a collection
// (paged GET in `{ data, totalCount, pageIndex, pageSize }`, POST creates), and the same path plus
// one `{parameter}` is an item (GET, PUT merges, DELETE). Writes with an Idempotency-Key are done
// once; a repeat replays the first answer and is counted, so tests can assert "at most once".
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { OpenApiDocument } from "../src/document/load-document.js";
import { listOperations, pathMatches } from "../src/document/operations.js";

export interface FakeCrmServerOptions {
  /** Records per collection template, e.g. `{ "/api/v1/people": [...] }`; ids are added when missing. */
  seed?: Record<string, Record<string, unknown>[]>;
  /** Waits this long before answering a list page (for interrupt tests). */
  listDelayMs?: number;
  /** Called when a request to the API (not the token endpoint) arrives, before it is answered (for crash tests). */
  onRequest?: (method: string, path: string) => void;
}

export interface FakeCrmServer {
  url: string;
  /** The records of a collection template, in creation order. */
  records(template: string): Record<string, unknown>[];
  /** How many times each Idempotency-Key arrived (1 = sent once). */
  idempotencyKeys: Map<string, number>;
  stop(): Promise<void>;
}

interface Answer {
  status: number;
  body?: unknown;
}

export async function startFakeCrmServer(
  document: OpenApiDocument,
  options: FakeCrmServerOptions = {},
): Promise<FakeCrmServer> {
  const templates = [...new Set(listOperations(document).map((operation) => operation.path))];
  const collections = new Map<string, Map<string, Record<string, unknown>>>();
  const recordsOf = (key: string) => collections.get(key) ?? collections.set(key, new Map()).get(key)!;
  for (const [template, items] of Object.entries(options.seed ?? {})) {
    for (const item of items) {
      const record = { id: randomUUID(), ...item };
      recordsOf(template.toLowerCase()).set(String(record.id), record);
    }
  }
  // Each collection's records as an array, kept until the next create or delete: pages are slices of it.
  const listed = new Map<string, Record<string, unknown>[]>();
  const idempotencyKeys = new Map<string, number>();
  const answered = new Map<string, Answer>();
  const tokenPath = tokenUrlOf(document);

  async function answer(request: IncomingMessage, body: unknown): Promise<Answer> {
    const url = new URL(request.url ?? "/", "http://fake");
    const method = request.method ?? "GET";
    if (method === "POST" && url.pathname === tokenPath) {
      return {
        status: 200,
        body: { access_token: randomUUID(), token_type: "Bearer", expires_in: 3600, scope: "api:read api:write" },
      };
    }
    if (!request.headers.authorization?.startsWith("Bearer ") || !request.headers["tenant-code"]) {
      return { status: 401, body: { code: "unauthorized", message: "missing bearer token or tenant-code" } };
    }
    const template = templates.find((candidate) => pathMatches(candidate, url.pathname));
    if (!template) return { status: 404, body: { code: "not_found", message: `no route ${url.pathname}` } };
    const segments = url.pathname.replace(/\/$/, "").split("/");
    const isItem = template.endsWith("}");
    const collectionKey = (isItem ? segments.slice(0, -1) : segments).join("/").toLowerCase();
    const records = recordsOf(collectionKey);
    if (!isItem && method === "GET") {
      const pageIndex = Number(url.searchParams.get("pageIndex") ?? 0);
      const pageSize = Number(url.searchParams.get("pageSize") ?? 50);
      if (options.listDelayMs) await new Promise((resolve) => setTimeout(resolve, options.listDelayMs));
      const all = listed.get(collectionKey) ?? listed.set(collectionKey, [...records.values()]).get(collectionKey)!;
      const data = all.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize);
      return { status: 200, body: { data, totalCount: all.length, pageIndex, pageSize } };
    }
    if (!isItem && method === "POST") {
      if (typeof body !== "object" || body === null) return badRequest("the body must be a JSON object");
      const record = { id: randomUUID(), ...body, createdDate: new Date().toISOString(), isActive: true };
      records.set(String(record.id), record);
      listed.delete(collectionKey);
      return { status: 201, body: record };
    }
    const id = decodeURIComponent(segments.at(-1) ?? "");
    const existing = records.get(id);
    if (!isItem || !existing) return { status: 404, body: { code: "not_found", message: `no record ${id}` } };
    if (method === "GET") return { status: 200, body: existing };
    if (method === "PUT") {
      if (typeof body !== "object" || body === null) return badRequest("the body must be a JSON object");
      Object.assign(existing, body, { id });
      return { status: 200, body: existing };
    }
    if (method === "DELETE") {
      records.delete(id);
      listed.delete(collectionKey);
      return { status: 204 };
    }
    return { status: 405, body: { code: "method_not_allowed", message: method } };
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void respond(request, response, Buffer.concat(chunks).toString("utf8"));
    });
  });

  async function respond(request: IncomingMessage, response: ServerResponse, text: string): Promise<void> {
    let body: unknown;
    if (text) {
      try {
        body =
          text.startsWith("{") || text.startsWith("[")
            ? JSON.parse(text)
            : Object.fromEntries(new URLSearchParams(text));
      } catch {
        return send(response, badRequest("the body is not valid JSON"));
      }
    }
    const key = request.headers["idempotency-key"];
    if (!request.url?.startsWith(tokenPath)) options.onRequest?.(request.method ?? "", request.url ?? "");
    if (typeof key === "string") {
      idempotencyKeys.set(key, (idempotencyKeys.get(key) ?? 0) + 1);
      const earlier = answered.get(key);
      if (earlier) return send(response, earlier);
    }
    const result = await answer(request, body);
    if (typeof key === "string") answered.set(key, result);
    send(response, result);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    records: (template) => [...recordsOf(template.toLowerCase()).values()],
    idempotencyKeys,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, { status, body }: Answer): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  response.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
  response.end(text);
}

function badRequest(message: string): Answer {
  return { status: 400, body: { code: "bad_request", message } };
}

/** The client-credentials token URL's path from the document's security schemes, else /oauth/token. */
function tokenUrlOf(document: OpenApiDocument): string {
  for (const scheme of Object.values(document.components?.securitySchemes ?? {})) {
    const tokenUrl = (scheme as { flows?: { clientCredentials?: { tokenUrl?: string } } }).flows?.clientCredentials
      ?.tokenUrl;
    if (tokenUrl) return new URL(tokenUrl, "http://fake").pathname;
  }
  return "/oauth/token";
}
