/**
 * A test-only stand-in for the CRM API and its token endpoint on a real socket (node:http on a
 * loopback address, port 0), for the faults that only exist on the wire: resets, hangs, trickling and
 * truncated bodies, redirects, refused connections. Its routes follow specs/engagifii-crm.openapi.yaml
 * (`/api/v1/people…`, the page envelope `{ data, totalCount, pageIndex, pageSize }`) and the
 * guide's token endpoint (`POST /oauth/token`, form-encoded client credentials).
 *
 * Faults are scripted per request with `script(match, fault, times)`: the next request matching
 * a rule with times left gets that rule's fault. The client is never told; it sees only the wire.
 * Every request is recorded (method, raw target, headers, body, the fault it got, and whether the
 * server committed it), so that tests can count attempts and catch a write sent twice.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Fault =
  /** Reads the request, then resets the connection (RST) before any response byte. */
  | { kind: "reset-before-headers" }
  /** Sends the status line, headers and part of the body, then resets the connection. */
  | { kind: "reset-after-headers" }
  /** Reads the request and never answers. */
  | { kind: "hang" }
  /** Sends headers, then one byte every `intervalMs`: the body takes far longer than any timeout. */
  | { kind: "slow-body"; intervalMs?: number }
  /** Announces a Content-Length, sends less, then closes the connection cleanly (FIN). */
  | { kind: "truncated-body" }
  /** 200 with `content-type: application/json` and a body that is not JSON. */
  | { kind: "malformed-json" }
  /** A proxy's HTML 502 page. */
  | { kind: "html-502" }
  /** Any status, headers and body. */
  | { kind: "status"; status: number; headers?: Record<string, string>; body?: unknown }
  /** 200 with a JSON body of about `bytes` bytes. */
  | { kind: "huge"; bytes: number }
  /** A redirect to `location`. */
  | { kind: "redirect"; location: string; status?: number };

export type FaultKind = Fault["kind"];

export interface FaultMatch {
  method?: string;
  /** The pathname (still percent-encoded), exactly or by a regular expression. */
  path?: string | RegExp;
  /** Query parameters that must all have these values, e.g. `{ pageIndex: "2" }`. */
  query?: Record<string, string>;
}

export interface FaultRule extends FaultMatch {
  fault: Fault;
  /** How many matching requests get the fault; `Infinity` for all. */
  times: number;
  /** Whether the server applies the write before the fault. Default: see `commitsByDefault`. */
  commits?: boolean;
}

export interface RecordedRequest {
  seq: number;
  method: string;
  /** The request target exactly as received: path and query, still percent-encoded. */
  target: string;
  /** The pathname part of `target`, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The scripted fault this request got, `unauthorized` for a refused token, or `none`. */
  fault: FaultKind | "unauthorized" | "none";
  /** The server applied this write (POST/PUT/DELETE), whatever the client then saw. */
  committed: boolean;
  /** The server answered 401, 429 or a redirect, which tells the client it did not process the request here. */
  refusedUnprocessed: boolean;
  /** The status the server answered with; undefined when it answered none (a reset or a hang). */
  status: number | undefined;
  /** The connection closed before the response was complete: the client gave up on it (or a reset). */
  abandoned: boolean;
}

/** The body of a page of the people list. */
export type ListPage = (pageIndex: number, pageSize: number, nth: number) => unknown;

export interface FaultServerOptions {
  clientId?: string;
  clientSecret?: string;
  /** Token lifetime in seconds. Default 3600. */
  expiresIn?: number;
  /** Serve the API without checking the bearer token (a foreign origin in redirect tests). */
  open?: boolean;
  /** Accept the tokens this other server issued too (the token endpoint on another origin). */
  tokenAuthority?: FaultServer;
  /**
   * The loopback address to bind. Default: a fresh one per server (127.N.x.y), so that when a
   * server goes down no other server of this process or of a parallel test worker can be given
   * its address and port, and no pooled keep-alive socket can reach the wrong server.
   */
  host?: string;
}

let serversStarted = 0;

/**
 * A loopback address no other server uses: 127.<process and worker>.<x>.<y>. The second octet
 * tells test workers apart (and two test runs side by side), the last two count this worker's servers.
 */
export function freshLoopbackHost(): string {
  const worker = Number(process.env.VITEST_POOL_ID ?? 0);
  const n = serversStarted++;
  return `127.${((process.pid + 37 * worker) % 250) + 1}.${Math.floor(n / 253) % 256}.${2 + (n % 253)}`;
}

export const tokenPath = "/oauth/token";

export const personId = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;

export const person = (index: number) => ({
  id: personId(index),
  firstName: "Person",
  lastName: String(index),
  email: `person${index}@example.com`,
  createdDate: "2024-01-15T10:30:00Z",
  isActive: true,
});

/** A list of `total` people, paged honestly. */
export function honestPages(total: number): ListPage {
  return (pageIndex, pageSize) => {
    const start = pageIndex * pageSize;
    const data = Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => person(start + i));
    return { data, totalCount: total, pageIndex, pageSize };
  };
}

/**
 * `insert` new people appear at the head of the list after each page served: later pages overlap
 * earlier ones. `reportsTotal: false` leaves totalCount out, as some list endpoints do.
 */
export function shiftingPages(total: number, insert: number, reportsTotal = true): ListPage {
  let inserted = 0;
  return (pageIndex, pageSize) => {
    const all = [
      ...Array.from({ length: inserted }, (_, i) => person(500_000 + inserted - i)),
      ...Array.from({ length: total }, (_, i) => person(i)),
    ];
    const start = pageIndex * pageSize;
    const body: Record<string, unknown> = { data: all.slice(start, start + pageSize), pageIndex, pageSize };
    if (reportsTotal) body.totalCount = all.length;
    inserted += insert;
    return body;
  };
}

/** A server error, a bad gateway and so on commit the write before failing; 401, 429 and 503 do not. */
function commitsByDefault(fault: Fault): boolean {
  if (fault.kind === "redirect") return false;
  if (fault.kind === "status") return fault.status >= 500 && fault.status !== 503;
  return true;
}

/** A person whose `notes` pad the JSON to `bytes` bytes. */
function hugeBody(bytes: number): Buffer {
  const head = Buffer.from(
    `{"id":"${personId(1)}","firstName":"Huge","lastName":"Body","email":"huge@example.com","notes":"`,
  );
  const tail = Buffer.from(`"}`);
  const body = Buffer.alloc(Math.max(bytes, head.length + tail.length), "x");
  head.copy(body, 0);
  tail.copy(body, body.length - tail.length);
  return body;
}

const htmlBadGateway =
  "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n";

export class FaultServer {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly requests: RecordedRequest[] = [];
  /** Every access token the token endpoint issued, oldest first. */
  readonly issuedTokens: string[] = [];
  /** The people list's pages; honest over 3 people unless a test sets another. */
  list: ListPage = honestPages(3);

  readonly #server: http.Server;
  readonly host: string;
  readonly #open: boolean;
  readonly #tokenAuthority: FaultServer | undefined;
  readonly #expiresIn: number;
  readonly #validTokens = new Set<string>();
  readonly #rules: FaultRule[] = [];
  readonly #idempotentResults = new Map<string, { status: number; body: unknown }>();
  readonly #timers = new Set<ReturnType<typeof setInterval>>();
  readonly #sockets = new Set<Socket>();
  #port = 0;
  #listNth = 0;
  #created = 0;

  private constructor(options: FaultServerOptions) {
    this.clientId = options.clientId ?? "reliability-client";
    this.clientSecret = options.clientSecret ?? `client-secret-${randomBytes(12).toString("hex")}`;
    this.host = options.host ?? freshLoopbackHost();
    this.#open = options.open ?? false;
    this.#tokenAuthority = options.tokenAuthority;
    this.#expiresIn = options.expiresIn ?? 3600;
    this.#server = http.createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        response.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
    this.#server.on("connection", (socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
  }

  /** Starts a server on a loopback address and an OS-chosen port. */
  static async start(options: FaultServerOptions = {}): Promise<FaultServer> {
    const server = new FaultServer(options);
    await server.up();
    return server;
  }

  get port(): number {
    return this.#port;
  }

  /** `http://<host>:<port>`: the API's base URL and origin. */
  get url(): string {
    return `http://${this.host}:${this.#port}`;
  }

  get tokenUrl(): string {
    return `${this.url}${tokenPath}`;
  }

  /** The next `times` requests matching `match` get `fault`. */
  script(match: FaultMatch, fault: Fault, times = 1, options: { commits?: boolean } = {}): this {
    const rule: FaultRule = { ...match, fault, times };
    if (options.commits !== undefined) rule.commits = options.commits;
    this.#rules.push(rule);
    return this;
  }

  /** Whether the API currently accepts this bearer token. */
  isValidToken(token: string): boolean {
    return this.#validTokens.has(token) || (this.#tokenAuthority?.isValidToken(token) ?? false);
  }

  /** Rotates the server's keys: every token issued so far is refused from now on. */
  revokeTokens(): void {
    this.#validTokens.clear();
  }

  apiRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path !== tokenPath);
  }

  tokenRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path === tokenPath);
  }

  /**
   * Starts listening: on an OS-chosen port the first time, on the same port after `down()`.
   * The bind happens on the next tick, before any connection a caller starts later can reach it.
   */
  up(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(this.#port, this.host, () => {
        this.#server.off("error", reject);
        this.#port = (this.#server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Stops listening and drops every connection: from now on, connections are refused. */
  down(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers.clear();
    return new Promise((resolve) => {
      if (!this.#server.listening) return resolve();
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
      for (const socket of this.#sockets) socket.destroy();
    });
  }

  /** The end of a test: no listener, no connection, no timer left. */
  stop(): Promise<void> {
    return this.down();
  }

  async #handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = request.url ?? "/";
    const queryAt = target.indexOf("?");
    const recorded: RecordedRequest = {
      seq: this.requests.length,
      method: request.method ?? "GET",
      target,
      path: queryAt === -1 ? target : target.slice(0, queryAt),
      query: new URLSearchParams(queryAt === -1 ? "" : target.slice(queryAt + 1)),
      headers: { ...request.headers },
      body: Buffer.concat(chunks).toString("utf8"),
      fault: "none",
      committed: false,
      refusedUnprocessed: false,
      status: undefined,
      abandoned: false,
    };
    this.requests.push(recorded);
    response.on("close", () => {
      if (!response.writableFinished) recorded.abandoned = true;
    });

    const rule = this.#takeRule(recorded);
    if (recorded.path === tokenPath && recorded.method === "POST") {
      if (rule) {
        recorded.fault = rule.fault.kind;
        return this.#applyFault(rule.fault, response, undefined);
      }
      return this.#issueToken(recorded, response);
    }

    if (!this.#open && !this.#authorized(recorded.headers.authorization)) {
      recorded.fault = "unauthorized";
      recorded.refusedUnprocessed = true;
      recorded.status = 401;
      return json(response, 401, { type: "about:blank", title: "Unauthorized", status: 401 });
    }
    if (rule) {
      recorded.fault = rule.fault.kind;
      recorded.refusedUnprocessed =
        rule.fault.kind === "redirect" ||
        (rule.fault.kind === "status" && (rule.fault.status === 401 || rule.fault.status === 429));
      const commits = rule.commits ?? commitsByDefault(rule.fault);
      const result = commits ? this.#route(recorded) : undefined;
      recorded.status = statusOf(rule.fault);
      return this.#applyFault(rule.fault, response, result);
    }
    const result = this.#route(recorded);
    recorded.status = result.status;
    return json(response, result.status, result.body);
  }

  #takeRule(request: RecordedRequest): FaultRule | undefined {
    const rule = this.#rules.find(
      (candidate) =>
        candidate.times > 0 &&
        (candidate.method === undefined || candidate.method === request.method) &&
        (candidate.path === undefined ||
          (typeof candidate.path === "string" ? candidate.path === request.path : candidate.path.test(request.path))) &&
        Object.entries(candidate.query ?? {}).every(([name, value]) => request.query.get(name) === value),
    );
    if (rule) rule.times--;
    return rule;
  }

  #authorized(header: string | undefined): boolean {
    const match = /^Bearer (.+)$/.exec(header ?? "");
    return match?.[1] !== undefined && this.isValidToken(match[1]);
  }

  #issueToken(request: RecordedRequest, response: http.ServerResponse): void {
    const form = new URLSearchParams(request.body);
    if (
      form.get("grant_type") !== "client_credentials" ||
      form.get("client_id") !== this.clientId ||
      form.get("client_secret") !== this.clientSecret
    ) {
      json(response, 401, { error: "invalid_client", error_description: "Client authentication failed." });
      return;
    }
    const token = `tok-${this.issuedTokens.length + 1}-${randomBytes(16).toString("hex")}`;
    this.issuedTokens.push(token);
    this.#validTokens.add(token);
    json(response, 200, { access_token: token, token_type: "Bearer", expires_in: this.#expiresIn, scope: "api:read" });
  }

  /** The API itself: a tiny people store. Writes are marked committed on the record. */
  #route(request: RecordedRequest): { status: number; body: unknown } {
    const { method } = request;
    // `/moved/api/…` serves the same as `/api/…`: a redirect target on the same origin.
    const path = request.path.startsWith("/moved/") ? request.path.slice("/moved".length) : request.path;
    if (path === "/api/v1/people" && method === "GET") {
      const pageIndex = Number(request.query.get("pageIndex") ?? 0);
      const pageSize = Number(request.query.get("pageSize") ?? 50);
      return { status: 200, body: this.list(pageIndex, pageSize, this.#listNth++) };
    }
    if (path === "/api/v1/people" && method === "POST") {
      const key = request.headers["idempotency-key"];
      const replay = typeof key === "string" ? this.#idempotentResults.get(key) : undefined;
      if (replay) return replay;
      request.committed = true;
      const result = { status: 201, body: { ...parseBody(request.body), id: personId(900_000 + ++this.#created) } };
      if (typeof key === "string") this.#idempotentResults.set(key, result);
      return result;
    }
    const item = /^\/api\/v1\/people\/([^/]+)$/.exec(path);
    if (item?.[1] !== undefined) {
      const id = decodeURIComponent(item[1]);
      if (method === "GET") return { status: 200, body: { ...person(1), id } };
      if (method === "PUT") {
        request.committed = true;
        return { status: 200, body: { ...person(1), ...parseBody(request.body), id } };
      }
      if (method === "DELETE") {
        request.committed = true;
        return { status: 204, body: undefined };
      }
    }
    return { status: 404, body: { type: "about:blank", title: "Not Found", status: 404 } };
  }

  #applyFault(fault: Fault, response: http.ServerResponse, result: { status: number; body: unknown } | undefined) {
    const socket = response.socket;
    const payload = Buffer.from(JSON.stringify(result?.body ?? person(1)));
    switch (fault.kind) {
      case "reset-before-headers":
        socket?.resetAndDestroy();
        return;
      case "reset-after-headers":
        response.writeHead(200, { "content-type": "application/json", "content-length": payload.length + 1000 });
        response.write(payload.subarray(0, Math.ceil(payload.length / 2)), () => socket?.resetAndDestroy());
        return;
      case "hang":
        return;
      case "slow-body": {
        response.writeHead(200, { "content-type": "application/json", "content-length": payload.length });
        let sent = 0;
        const timer = setInterval(() => {
          if (sent >= payload.length || response.destroyed) {
            clearInterval(timer);
            this.#timers.delete(timer);
            if (!response.destroyed) response.end();
            return;
          }
          response.write(payload.subarray(sent, sent + 1));
          sent++;
        }, fault.intervalMs ?? 100);
        this.#timers.add(timer);
        response.on("close", () => {
          clearInterval(timer);
          this.#timers.delete(timer);
        });
        return;
      }
      case "truncated-body":
        response.writeHead(200, { "content-type": "application/json", "content-length": payload.length + 100 });
        response.write(payload.subarray(0, Math.ceil(payload.length / 2)), () => socket?.end());
        return;
      case "malformed-json":
        response.writeHead(200, { "content-type": "application/json" });
        response.end('{"data": [{"id": "00000000-0000-4000-8000-000000000001", "firstName": "Jo');
        return;
      case "html-502":
        response.writeHead(502, { "content-type": "text/html" });
        response.end(htmlBadGateway);
        return;
      case "status":
        json(response, fault.status, fault.body ?? { type: "about:blank", status: fault.status }, fault.headers);
        return;
      case "huge": {
        const body = hugeBody(fault.bytes);
        response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
        response.end(body);
        return;
      }
      case "redirect":
        response.writeHead(fault.status ?? 302, { location: fault.location, "content-length": 0 });
        response.end();
        return;
    }
  }
}

/** The status a fault answers with, if it answers at all. */
function statusOf(fault: Fault): number | undefined {
  switch (fault.kind) {
    case "status":
      return fault.status;
    case "redirect":
      return fault.status ?? 302;
    case "html-502":
      return 502;
    case "malformed-json":
    case "huge":
    case "slow-body":
    case "truncated-body":
    case "reset-after-headers":
      return 200;
    default:
      return undefined;
  }
}

function json(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (body === undefined || status === 204) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  const text = typeof body === "string" ? body : JSON.stringify(body);
  response.writeHead(status, {
    "content-type": typeof body === "string" ? "text/plain" : "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
