import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { peoplePage } from "./fixtures.js";

/** What a loopback server answers; each benchmark that needs the wire picks one. */
export type Scenario =
  /** Pages of a `total`-item collection, each answered after `latencyMs`. */
  | { kind: "paged"; total: number; latencyMs: number }
  /** Enforces `requests` per sliding `intervalMs` window, answering 429 with Retry-After when over. */
  | { kind: "limited"; requests: number; intervalMs: number };

export interface ServerStats {
  ok: number;
  tooMany: number;
  /** The most requests the server saw in one window, 429s included (limited scenario only). */
  maxInWindow: number;
}

export interface LoopbackServer {
  port: number;
  stats(): ServerStats;
  close(): Promise<void>;
}

export async function startLoopbackServer(scenario: Scenario): Promise<LoopbackServer> {
  const stats: ServerStats = { ok: 0, tooMany: 0, maxInWindow: 0 };
  const handle = handlerFor(scenario, stats);
  const server = createServer((request, response) => handle(request, response, performance.now()));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stats: () => ({ ...stats }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Handler = (request: IncomingMessage, response: ServerResponse, now: number) => void;

function handlerFor(scenario: Scenario, stats: ServerStats): Handler {
  switch (scenario.kind) {
    case "paged":
      return (request, response) => {
        const query = new URL(request.url ?? "/", "http://127.0.0.1").searchParams;
        const pageIndex = Number(query.get("pageIndex") ?? 0);
        const pageSize = Number(query.get("pageSize") ?? 100);
        setTimeout(() => {
          stats.ok++;
          sendJson(response, 200, JSON.stringify(peoplePage(pageIndex, pageSize, scenario.total)));
        }, scenario.latencyMs);
      };
    case "limited":
      return slidingWindowHandler(scenario.requests, scenario.intervalMs, stats);
  }
}

/**
 * A server-side sliding window: a request arriving at `now` is allowed when fewer than `limit`
 * allowed requests arrived in (now − intervalMs, now]. Refused requests do not use the budget.
 */
function slidingWindowHandler(limit: number, intervalMs: number, stats: ServerStats): Handler {
  const allowed: number[] = []; // arrival times, oldest first
  const seen: number[] = []; // every arrival, to report the busiest window
  const body = JSON.stringify(peoplePage(0, 1, 1));
  return (_request, response, now) => {
    while (allowed.length > 0 && (allowed[0] as number) <= now - intervalMs) allowed.shift();
    seen.push(now);
    while (seen.length > 0 && (seen[0] as number) <= now - intervalMs) seen.shift();
    stats.maxInWindow = Math.max(stats.maxInWindow, seen.length);
    if (allowed.length >= limit) {
      stats.tooMany++;
      const earlyMs = (allowed[0] as number) + intervalMs - now;
      // Retry-After is whole seconds (RFC 9110), so a 600 ms window still asks for 1 s.
      const retryAfterSeconds = Math.max(1, Math.ceil(earlyMs / 1000));
      sendJson(response, 429, JSON.stringify({ message: "Too many requests" }), {
        "retry-after": String(retryAfterSeconds),
      });
      return;
    }
    allowed.push(now);
    stats.ok++;
    sendJson(response, 200, body);
  };
}

function sendJson(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}
