// A small stateful fake of the API for the binary's tests (`--mock` runs the mock server's stateful
// sandbox). The tests need what the sandbox does not do: Idempotency-Keys honoured and counted, a
// hook on each request to kill the binary at a chosen write, and slow pages.
// It follows whatever document it is given, as the sandbox reads one: `/x/{id}` is an item of the
// collection `/x` (GET, PUT merges, DELETE), a POST to `/x` creates, and a paged operation lists its
// collection, paged as the document pages it (the same detector as the client's metadata): a GET
// `/x` with the page in the query, or a `POST /x/PagingList` with the page in the body. Writes with
// an Idempotency-Key are done once; a repeat replays the first answer and is counted, so tests can
// assert "at most once".
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { OpenApiDocument as ScriptDocument } from "../../types/scripts/document.js";
import { detectPaging, type PagingShape } from "../../types/scripts/paging-shape.js";
import type { OpenApiDocument } from "../src/document/load-document.js";
import { listOperations, pathMatches } from "../src/document/operations.js";

export interface FakeCrmServerOptions {
  /** Records per collection, named by any template of its operations (`/api/v1/people`, `/api/Person/PagingList`); ids are added when missing. */
  seed?: Record<string, Record<string, unknown>[]>;
  /** Waits this long before answering a list page (for interrupt tests). */
  listDelayMs?: number;
  /** Called when a request to the API (not the token endpoint) arrives, before it is answered (for crash tests). */
  onRequest?: (method: string, path: string) => void;
}

export interface FakeCrmServer {
  url: string;
  /** The records of a collection, named by a template of its operations or a concrete path, in creation order. */
  records(path: string): Record<string, unknown>[];
  /** How many times each Idempotency-Key arrived (1 = sent once). */
  idempotencyKeys: Map<string, number>;
  stop(): Promise<void>;
}

interface Answer {
  status: number;
  body?: unknown;
}

interface Route {
  kind: "list" | "create" | "get" | "update" | "delete";
  method: string;
  template: string;
  /** How many segments of a concrete path name the collection. */
  collectionDepth: number;
  paging?: PagingShape;
}

export async function startFakeCrmServer(
  document: OpenApiDocument,
  options: FakeCrmServerOptions = {},
): Promise<FakeCrmServer> {
  const routes = readRoutes(document);
  const collections = new Map<string, Map<string, Record<string, unknown>>>();
  const recordsOf = (key: string) => collections.get(key) ?? collections.set(key, new Map()).get(key)!;
  /** The collection's key for a concrete path (or a template) of one of its operations. */
  const collectionKey = (path: string, route = routeFor(routes, undefined, path)) => {
    if (!route) throw new Error(`the fake API has no operation at ${path}`);
    return path.replace(/\/$/, "").split("/").slice(0, route.collectionDepth).join("/").toLowerCase();
  };
  for (const [path, items] of Object.entries(options.seed ?? {})) {
    for (const item of items) {
      const record = { id: randomUUID(), ...item };
      recordsOf(collectionKey(path)).set(String(record.id), record);
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
    const route = routeFor(routes, method, url.pathname);
    if (!route) return { status: 404, body: { code: "not_found", message: `no route ${method} ${url.pathname}` } };
    const key = collectionKey(url.pathname, route);
    const records = recordsOf(key);
    if (route.kind === "list") {
      const shape = route.paging!;
      const fields = shape.location === "query" ? Object.fromEntries(url.searchParams) : (body ?? {});
      const { page, size } = pageOf(shape, fields as Record<string, unknown>);
      if (options.listDelayMs) await new Promise((resolve) => setTimeout(resolve, options.listDelayMs));
      const all = listed.get(key) ?? listed.set(key, [...records.values()]).get(key)!;
      const offset = (page - shape.firstPage) * size;
      const envelope: Record<string, unknown> = {
        [shape.itemsField]: all.slice(offset, offset + size),
        [shape.totalField]: all.length,
      };
      if (shape.reportedPageField) envelope[shape.reportedPageField] = page;
      if (shape.reportedSizeField) envelope[shape.reportedSizeField] = size;
      return { status: 200, body: envelope };
    }
    if (route.kind === "create") {
      if (typeof body !== "object" || body === null) return badRequest("the body must be a JSON object");
      // The server picks the id, as the API does.
      const record = { ...body, id: randomUUID() };
      records.set(record.id, record);
      listed.delete(key);
      return { status: 201, body: record };
    }
    const id = decodeURIComponent(url.pathname.replace(/\/$/, "").split("/").at(-1) ?? "");
    const existing = records.get(id);
    if (!existing) return { status: 404, body: { code: "not_found", message: `no record ${id}` } };
    if (route.kind === "get") return { status: 200, body: existing };
    if (route.kind === "update") {
      if (typeof body !== "object" || body === null) return badRequest("the body must be a JSON object");
      Object.assign(existing, body, { id });
      return { status: 200, body: existing };
    }
    records.delete(id);
    listed.delete(key);
    return { status: 204 };
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
    records: (path) => [...recordsOf(collectionKey(path)).values()],
    idempotencyKeys,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The operations the fake serves, each with the collection it reads or writes. */
function readRoutes(document: OpenApiDocument): Route[] {
  return listOperations(document).flatMap((operation): Route[] => {
    const segments = operation.path.split("/");
    const base = { method: operation.method, template: operation.path };
    if (/^\{[^}]+\}$/.test(segments.at(-1) ?? "")) {
      const kind = { GET: "get", PUT: "update", PATCH: "update", DELETE: "delete" } as const;
      const itemKind = kind[operation.method as keyof typeof kind];
      return itemKind ? [{ ...base, kind: itemKind, collectionDepth: segments.length - 1 }] : [];
    }
    const scriptDocument = document as unknown as ScriptDocument;
    const pathItem = document.paths[operation.path] ?? {};
    const paging = detectPaging(scriptDocument, operation.method.toLowerCase(), operation.definition, pathItem);
    if (paging) {
      // A paged POST (`/x/PagingList`) reads its parent collection; a paged GET its own path.
      const depth = operation.method === "GET" ? segments.length : segments.length - 1;
      return [{ ...base, kind: "list", collectionDepth: depth, paging }];
    }
    return operation.method === "POST" ? [{ ...base, kind: "create", collectionDepth: segments.length }] : [];
  });
}

/** The route for a method (any, when undefined) and a concrete path; literal segments win over `{parameters}`. */
function routeFor(routes: Route[], method: string | undefined, path: string): Route | undefined {
  const parameters = (route: Route) => route.template.split("{").length;
  return routes
    .filter((route) => (method === undefined || route.method === method) && pathMatches(route.template, path))
    .sort((left, right) => parameters(left) - parameters(right))[0];
}

function pageOf(shape: PagingShape, fields: Record<string, unknown>): { page: number; size: number } {
  const page = Number(fields[shape.pageField] ?? shape.firstPage);
  const size = Number((shape.sizeField && fields[shape.sizeField]) ?? 50);
  return { page, size };
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
