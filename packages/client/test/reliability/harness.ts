/**
 * Shared pieces of the reliability suite: a client pointed at a fault server, a fetch spy that
 * counts the client's attempts without changing them, unhandled-rejection capture, and the
 * results file that write-report.ts turns into RELIABILITY.md.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { CrmClientOptions, FetchFunction } from "../../src/index.js";
import { createTransportClient, type TransportClient } from "../fixtures/transport-client.js";
import { FaultServer, tokenPath } from "./fault-server.js";

export const resultsDirectory = join(dirname(fileURLToPath(import.meta.url)), "results");
export const resultsFile = join(resultsDirectory, "latest.json");

/** What the client sent, as its fetch saw it: every attempt, refused connections included. */
export interface AttemptLog {
  api: number;
  token: number;
  /** `METHOD path` of each attempt, in order. */
  sent: string[];
}

/**
 * The global fetch, counting each call. The client calls its fetch once per attempt, so this is
 * the client's own attempt count, whether or not the attempt reached a server.
 */
export function spyFetch(): {
  fetch: FetchFunction;
  attempts: AttemptLog;
  reset(): void;
  /** Resolves once no attempt has been on the wire for `quietMs` (or after `maxMs`). */
  idle(quietMs?: number, maxMs?: number): Promise<void>;
} {
  const attempts: AttemptLog = { api: 0, token: 0, sent: [] };
  let inFlight = 0;
  let lastActivity = performance.now();
  const done = () => {
    inFlight--;
    lastActivity = performance.now();
  };
  return {
    attempts,
    fetch: (request, init) => {
      const path = new URL(request.url).pathname;
      if (path === tokenPath) attempts.token++;
      else attempts.api++;
      attempts.sent.push(`${request.method} ${path}`);
      inFlight++;
      lastActivity = performance.now();
      const response = globalThis.fetch(request, init);
      response.then(done, done);
      return response;
    },
    async idle(quietMs = 30, maxMs = 3_000) {
      const started = performance.now();
      while (performance.now() - started < maxMs) {
        if (inFlight === 0 && performance.now() - lastActivity >= quietMs) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    reset() {
      attempts.api = 0;
      attempts.token = 0;
      attempts.sent.length = 0;
    },
  };
}

/** A client for `api`, getting its tokens from `auth` (by default the same server). */
export function clientFor(
  api: FaultServer,
  overrides: Partial<CrmClientOptions> = {},
  auth: FaultServer = api,
): TransportClient {
  return createTransportClient({
    baseUrl: api.url,
    tokenUrl: auth.tokenUrl,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    tenantCode: "acme",
    rateLimit: false,
    maxRetries: 2,
    timeoutMs: 300,
    logLevel: "off",
    env: {},
    ...overrides,
  });
}

/** The settled outcome of a call: `success` with its value, or the error's class name. */
export async function outcomeOf<T>(
  call: () => Promise<T>,
): Promise<{ outcome: string; value?: T; error?: unknown; ms: number }> {
  const started = performance.now();
  try {
    const value = await call();
    return { outcome: "success", value, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const outcome = error instanceof Error ? error.name : typeof error;
    return { outcome, error, ms: Math.round(performance.now() - started) };
  }
}

/**
 * A client over an in-memory API: `api` answers every request but the token request, which is
 * granted at once. For paging scenarios that need no sockets.
 */
export function inMemoryClient(
  api: (url: URL) => Response | Promise<Response>,
  overrides: Partial<CrmClientOptions> = {},
): TransportClient {
  return createTransportClient({
    baseUrl: "https://crm.example.test",
    // Its own token URL, not the document's default: a spec swap leaves this client as it is.
    tokenUrl: "https://crm.example.test/oauth/token",
    clientId: "id",
    clientSecret: "secret-value",
    tenantCode: "acme",
    rateLimit: false,
    env: {},
    fetch: async (request) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith("/oauth/token"))
        return Response.json({ access_token: "in-memory-api-token", token_type: "Bearer", expires_in: 3600 });
      return api(url);
    },
    ...overrides,
  });
}

/** Records unhandled rejections while a test file runs. */
export function captureUnhandledRejections(): { reasons: unknown[]; start(): void; stop(): void } {
  const reasons: unknown[] = [];
  const listener = (reason: unknown) => reasons.push(reason);
  return {
    reasons,
    start: () => process.on("unhandledRejection", listener),
    stop: () => process.off("unhandledRejection", listener),
  };
}

/**
 * The usual life of a test file: fault servers started by `server()` are stopped after each test,
 * and the file fails if any rejection went unhandled.
 */
export function useFaultServers(): (options?: Parameters<typeof FaultServer.start>[0]) => Promise<FaultServer> {
  const rejections = captureUnhandledRejections();
  const servers: FaultServer[] = [];
  beforeAll(() => rejections.start());
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });
  afterAll(async () => {
    await settle(50);
    rejections.stop();
    expect(rejections.reasons.map(String)).toEqual([]);
  });
  return async (options = {}) => {
    const started = await FaultServer.start(options);
    servers.push(started);
    return started;
  };
}

/** Lets pending callbacks and a late rejection surface before a test looks for them. */
export function settle(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(() => setImmediate(resolve), ms));
}

/** Runs `tasks` with at most `limit` in flight, keeping results in input order. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (task) results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** One cell of the matrix as the report shows it; `ms` and the details stay in the JSON only. */
export interface CellResult {
  table: "requests" | "pagination";
  /** Row id (stable, kebab-case) and its label. */
  fault: string;
  label: string;
  method: string;
  expected: { outcome: string; attempts: number | [number, number] };
  observed: {
    outcome: string;
    attempts: number;
    tokenAttempts: number;
    /** Requests the server saw (a refused attempt never reaches it). */
    received: number;
    /** What the client's onRetry hook announced, for diagnosis. */
    retries?: string[];
    message?: string;
  };
  /** POSTs applied twice, or re-sent after a server may have applied them without an Idempotency-Key. */
  duplicatedWrites: number;
  /** Pagination only: items expected but never yielded, and items yielded more than once. */
  lostItems?: number;
  duplicatedItems?: number;
  ms: number;
  budgetMs: number;
  problems: string[];
}

export interface ResultsFile {
  generatedAt: string;
  command: string;
  node: string;
  settings: { maxRetries: number; timeoutMs: number };
  cells: CellResult[];
}

/** Writes the results atomically (temporary file, then rename) so that a reader never sees half a file. */
export function writeResults(results: ResultsFile): void {
  mkdirSync(resultsDirectory, { recursive: true });
  const temporary = `${resultsFile}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(temporary, resultsFile);
}
