/**
 * The fault matrix: every wire fault the fault server can play, against GET, POST (with and
 * without an Idempotency-Key), PUT and DELETE, and against pagination. Each cell runs the real
 * client over a real socket and checks the typed outcome, the number of attempts, the time
 * taken, that no write was sent twice when it must not be, and that no page item was lost or
 * repeated. All cells run first (a pool of concurrent cells, each on its own servers), then one
 * test per cell reports its result; the results go to results/latest.json for RELIABILITY.md.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrmApiError, type CrmClientOptions, CrmError } from "../../src/index.js";
import type { TransportClient } from "../fixtures/transport-client.js";
import {
  type Fault,
  FaultServer,
  honestPages,
  type ListPage,
  personId,
  type RecordedRequest,
  shiftingPages,
  tokenPath,
} from "./fault-server.js";
import {
  type CellResult,
  captureUnhandledRejections,
  clientFor,
  outcomeOf,
  pool,
  settle,
  spyFetch,
  writeResults,
} from "./harness.js";

const maxRetries = 2;
/** Ample for an answer that comes: a loaded event loop must not turn a slow answer into a timeout. */
const timeoutMs = 2_000;
/** For the rows whose fault is an answer that never comes (or comes too slowly); it also bounds the token fetch, so it leaves a loaded CI machine room. */
const shortTimeoutMs = 1_000;
const here = dirname(fileURLToPath(import.meta.url));
const builtClient = join(here, "../../dist/index.js");

const methods = ["GET", "POST", "POST + Idempotency-Key", "PUT", "DELETE"] as const;
type Method = (typeof methods)[number];
const httpMethod = (method: Method) => (method.startsWith("POST") ? "POST" : method);
/** POST without a key is the one method the client must not repeat once a server may have applied it. */
const retriable = (method: Method) => method !== "POST";

interface Expected {
  outcome: string;
  attempts: number | [number, number];
}
const succeeds = (attempts: Expected["attempts"]): Expected => ({ outcome: "success", attempts });
const fails = (outcome: string, attempts: Expected["attempts"]): Expected => ({ outcome, attempts });
/** A transient fault: a retriable request succeeds on its second attempt, a plain POST fails at once. */
const retriedOnce =
  (failure: string) =>
  (method: Method): Expected =>
    retriable(method) ? succeeds(2) : fails(failure, 1);
/**
 * A transient hang: as retriedOnce, but the retry runs under the same short timeout, so on a
 * loaded machine (a stalled event loop) it may time out too; any count up to the limit is fine.
 */
const retriedAfterTimeout = (method: Method): Expected =>
  retriable(method) ? succeeds([2, maxRetries + 1]) : fails("TimeoutError", 1);
/** A fault on every attempt: a retriable request gives up after maxRetries, a plain POST at once. */
const retriedUntilGivingUp =
  (failure: string) =>
  (method: Method): Expected =>
    fails(failure, retriable(method) ? maxRetries + 1 : 1);

interface Arrangement {
  api: FaultServer;
  auth: FaultServer;
  method: Method;
  /** This cell's client options; the arrangement may add to them. */
  options: Partial<CrmClientOptions>;
  /** Runs before the measured call (not counted), e.g. to get a token and then revoke it. */
  before?: (crm: TransportClient) => Promise<void>;
  /** Called on each retry the client announces (its onRetry hook). */
  onRetry?: () => void;
}

interface RequestRow {
  fault: string;
  label: string;
  methods?: readonly Method[];
  /** The token endpoint lives on its own server (its own origin), so that it can go down alone. */
  separateAuth?: boolean;
  /** The fault is on the token endpoint: its retries add to the time budget. */
  tokenFault?: boolean;
  /** How long the server asks the client to wait in total (Retry-After), for the time budget. */
  waitMs?: number;
  /** The attempt timeout, for rows whose attempts are meant to time out. */
  timeoutMs?: number;
  arrange(arrangement: Arrangement): void | Promise<void>;
  expect(method: Method): Expected;
}

const onApi = (method: Method) => ({ method: httpMethod(method), path: /^\/api\// });
const onToken = { method: "POST", path: "/oauth/token" };
const quick = { "retry-after-ms": "1" };
const apiFault =
  (fault: Fault, times = 1) =>
  ({ api, method }: Arrangement) => {
    api.script(onApi(method), fault, times);
  };

/** Brings a server back the first time `trigger` fires (once only: a second listen would throw). */
function bringBackOnce(server: FaultServer): () => void {
  let back = false;
  return () => {
    if (back) return;
    back = true;
    void server.up();
  };
}

const requestRows: RequestRow[] = [
  {
    fault: "reset-before-headers",
    label: "Connection reset before the response headers",
    arrange: apiFault({ kind: "reset-before-headers" }),
    expect: retriedOnce("ConnectionError"),
  },
  {
    fault: "reset-after-headers",
    label: "Connection reset after the headers, mid-body",
    arrange: apiFault({ kind: "reset-after-headers" }),
    expect: retriedOnce("ConnectionError"),
  },
  {
    fault: "hang",
    timeoutMs: shortTimeoutMs,
    label: "No response at all (hangs past the timeout)",
    arrange: apiFault({ kind: "hang" }),
    expect: retriedAfterTimeout,
  },
  {
    fault: "slow-body",
    timeoutMs: shortTimeoutMs,
    label: "Headers, then a body trickling past the timeout",
    arrange: apiFault({ kind: "slow-body" }),
    expect: retriedAfterTimeout,
  },
  {
    fault: "truncated-body",
    label: "Body shorter than its Content-Length, then FIN",
    arrange: apiFault({ kind: "truncated-body" }),
    expect: retriedOnce("ConnectionError"),
  },
  {
    fault: "malformed-json",
    label: "200 with a body that is not JSON",
    arrange: apiFault({ kind: "malformed-json" }),
    expect: () => fails("InvalidResponseError", 1),
  },
  {
    fault: "html-502",
    label: "A proxy's HTML 502 page",
    arrange: apiFault({ kind: "html-502" }),
    expect: retriedOnce("ServerError"),
  },
  ...[408, 500, 502, 503, 504].map(
    (status): RequestRow => ({
      fault: `status-${status}`,
      label: `${status} once`,
      arrange: apiFault({ kind: "status", status, headers: quick }),
      expect: retriedOnce(status === 408 ? "CrmApiError" : "ServerError"),
    }),
  ),
  {
    fault: "429-retry-after-seconds",
    label: "429 with `Retry-After: 1` (seconds)",
    waitMs: 1000,
    arrange: apiFault({ kind: "status", status: 429, headers: { "retry-after": "1" } }),
    expect: () => succeeds(2),
  },
  {
    fault: "429-retry-after-date",
    label: "429 with Retry-After as an HTTP date (≤ 1 s ahead)",
    waitMs: 1000,
    arrange: ({ api, method }) => {
      // Whole seconds: the date is at most one second away once the sub-second part is cut off.
      api.script(onApi(method), {
        kind: "status",
        status: 429,
        headers: { "retry-after": new Date(Date.now() + 1000).toUTCString() },
      });
    },
    expect: () => succeeds(2),
  },
  {
    fault: "429-retry-after-invalid",
    label: "429 with an unreadable Retry-After (`soon`)",
    arrange: apiFault({ kind: "status", status: 429, headers: { "retry-after": "soon" } }),
    expect: () => succeeds(2),
  },
  {
    fault: "429-retry-after-too-long",
    label: "429 with `Retry-After: 3600` (more than a minute)",
    arrange: apiFault({ kind: "status", status: 429, headers: { "retry-after": "3600" } }),
    expect: () => fails("RateLimitError", 1),
  },
  {
    fault: "401-token-revoked",
    label: "401: the server rotated its keys (token revoked)",
    arrange: (arrangement) => {
      arrangement.before = async (crm) => {
        await crm.people.get(personId(0));
        arrangement.api.revokeTokens();
      };
    },
    expect: () => succeeds(2),
  },
  {
    fault: "401-always",
    label: "401 on every attempt, fresh token or not",
    arrange: apiFault({ kind: "status", status: 401, body: { title: "Unauthorized", status: 401 } }, Infinity),
    expect: () => fails("AuthenticationError", 2),
  },
  {
    fault: "token-503-then-up",
    label: "Token endpoint 503 once, then back",
    tokenFault: true,
    arrange: ({ api }) => {
      api.script(onToken, { kind: "status", status: 503, headers: quick });
    },
    expect: () => succeeds(1),
  },
  {
    fault: "token-hang-then-up",
    timeoutMs: shortTimeoutMs,
    label: "Token endpoint hangs once, then back",
    tokenFault: true,
    arrange: ({ api }) => {
      api.script(onToken, { kind: "hang" });
    },
    expect: () => succeeds(1),
  },
  {
    fault: "token-refused-then-up",
    label: "Token endpoint refuses connections, then comes back",
    separateAuth: true,
    tokenFault: true,
    arrange: async (arrangement) => {
      const { auth, options } = arrangement;
      await auth.down();
      const comeBack = bringBackOnce(auth);
      // Whichever the client reports first: the token request's retry hook or its debug log line.
      arrangement.onRetry = comeBack;
      const onLine = (line: string) => {
        if (line.includes("attempt 1 failed")) comeBack();
      };
      options.logLevel = "debug";
      options.logger = { error: onLine, warn: onLine, info: onLine, debug: onLine };
    },
    expect: () => succeeds(1),
  },
  {
    fault: "token-503-always",
    label: "Token endpoint 503 on every attempt",
    tokenFault: true,
    arrange: ({ api }) => {
      api.script(onToken, { kind: "status", status: 503, headers: quick }, Infinity);
    },
    expect: () => fails("ServerError", 0),
  },
  {
    fault: "token-refused-always",
    label: "Token endpoint down (connection refused)",
    separateAuth: true,
    tokenFault: true,
    arrange: async ({ auth }) => {
      await auth.down();
    },
    expect: () => fails("ConnectionError", 0),
  },
  {
    fault: "token-401-invalid-client",
    label: "Token endpoint 401 `invalid_client`",
    tokenFault: true,
    arrange: ({ api }) => {
      api.script(onToken, {
        kind: "status",
        status: 401,
        body: { error: "invalid_client", error_description: "Client authentication failed." },
      });
    },
    expect: () => fails("AuthenticationError", 0),
  },
  {
    fault: "redirect-307",
    label: "307 to another path on the same origin (every time)",
    arrange: ({ api, method }) => {
      api.script(
        onApi(method),
        {
          kind: "redirect",
          location: `${api.url}/moved${method === "POST" || method === "POST + Idempotency-Key" ? "/api/v1/people" : `/api/v1/people/${personId(7)}`}`,
          status: 307,
        },
        Infinity,
      );
    },
    // The client follows it itself (fetch is told redirect: "manual"), inside one attempt, with the same
    // method, body and Authorization (same origin): two fetch calls.
    expect: () => succeeds(2),
  },
  {
    fault: "redirect-302",
    label: "302 to another path on the same origin (every time)",
    arrange: ({ api, method }) => {
      api.script(
        onApi(method),
        {
          kind: "redirect",
          location: `${api.url}/moved${method === "POST" || method === "POST + Idempotency-Key" ? "/api/v1/people" : `/api/v1/people/${personId(7)}`}`,
          status: 302,
        },
        Infinity,
      );
    },
    // A GET follows it; a write would become a GET that reports success: refused, naming the redirect.
    expect: (method) => (method === "GET" ? succeeds(2) : fails("InvalidResponseError", 1)),
  },
  {
    fault: "refused-then-up",
    label: "API refuses connections, then comes back",
    separateAuth: true,
    arrange: async (arrangement) => {
      await arrangement.api.down();
      arrangement.onRetry = bringBackOnce(arrangement.api);
    },
    // A refused connection proves the request was never sent, so even a plain POST is retried.
    expect: () => succeeds(2),
  },
  {
    fault: "refused-always",
    label: "API down (connection refused)",
    separateAuth: true,
    arrange: async ({ api }) => {
      await api.down();
    },
    expect: () => fails("ConnectionError", maxRetries + 1),
  },
  {
    fault: "503-always",
    label: "503 on every attempt",
    arrange: apiFault({ kind: "status", status: 503, headers: quick }, Infinity),
    expect: retriedUntilGivingUp("ServerError"),
  },
  {
    fault: "reset-always",
    label: "Connection reset on every attempt",
    arrange: apiFault({ kind: "reset-before-headers" }, Infinity),
    expect: retriedUntilGivingUp("ConnectionError"),
  },
  {
    fault: "hang-always",
    timeoutMs: shortTimeoutMs,
    label: "No response on every attempt",
    arrange: apiFault({ kind: "hang" }, Infinity),
    expect: retriedUntilGivingUp("TimeoutError"),
  },
];

const hugeBytes = 50 * 1024 * 1024;
const hugeRow: RequestRow = {
  fault: "huge-50mb",
  label: "A 50 MB response body",
  methods: ["GET"],
  waitMs: 10_000,
  arrange: ({ api, options }) => {
    api.script({ method: "GET", path: /^\/api\// }, { kind: "huge", bytes: hugeBytes });
    options.timeoutMs = 15_000; // the point is the size, not the speed
    options.maxResponseBytes = 64 * 1024 * 1024; // above the 10 MiB default, which would refuse it
  },
  expect: () => succeeds(1),
};

const hugeAtDefaultLimitRow: RequestRow = {
  fault: "huge-50mb-default-limit",
  label: "A 50 MB response body, with the default maxResponseBytes (10 MiB)",
  methods: ["GET"],
  waitMs: 10_000,
  arrange: ({ api, options }) => {
    api.script({ method: "GET", path: /^\/api\// }, { kind: "huge", bytes: hugeBytes });
    options.timeoutMs = 15_000;
  },
  // Stopped once 10 MiB were read: a final answer, not retried.
  expect: () => fails("InvalidResponseError", 1),
};
const hugeRows: RequestRow[] = [hugeRow, hugeAtDefaultLimitRow];

function call(crm: TransportClient, method: Method, cell: string): Promise<unknown> {
  const id = personId(7);
  switch (method) {
    case "GET":
      return crm.people.get(id);
    case "POST":
      return crm.people.create({ firstName: "Cell", lastName: cell, email: "cell@example.com" });
    case "POST + Idempotency-Key":
      return crm.people.create(
        { firstName: "Cell", lastName: cell, email: "cell@example.com" },
        { idempotencyKey: `key-${cell}` },
      );
    case "PUT":
      return crm.people.update(id, { firstName: "Updated" });
    case "DELETE":
      return crm.people.delete(id);
  }
}

/** The full-jitter backoff's ceilings, summed: the longest the client may sleep over `retries` retries. */
function backoffCeilings(retries: number): number {
  let total = 0;
  for (let retry = 1; retry <= retries; retry++) total += Math.min(8_000, 500 * 2 ** (retry - 1));
  return total;
}

/**
 * POSTs applied twice, plus POSTs without a key re-sent after a server may have applied them
 * (anything but a 401, a 429 or a redirect), plus keyed POSTs whose key changed between attempts.
 */
function duplicatedWrites(requests: RecordedRequest[], method: Method): number {
  // `/moved/api/v1/people` is where a redirect sends a POST: the same collection.
  const posts = requests.filter((request) => request.method === "POST" && request.path.endsWith("/api/v1/people"));
  const extraCommits = Math.max(0, posts.filter((request) => request.committed).length - 1);
  if (method === "POST") {
    const firstMaybeApplied = posts.findIndex((request) => !request.refusedUnprocessed);
    return extraCommits + (firstMaybeApplied === -1 ? 0 : posts.length - firstMaybeApplied - 1);
  }
  if (method === "POST + Idempotency-Key") {
    const key = posts[0]?.headers["idempotency-key"];
    return extraCommits + posts.filter((request) => request.headers["idempotency-key"] !== key).length;
  }
  return 0;
}

function withinExpected(attempts: number, expected: Expected["attempts"]): boolean {
  return typeof expected === "number" ? attempts === expected : attempts >= expected[0] && attempts <= expected[1];
}

async function runRequestCell(row: RequestRow, method: Method): Promise<CellResult> {
  const auth = row.separateAuth ? await FaultServer.start() : undefined;
  const api = await FaultServer.start(auth ? { tokenAuthority: auth } : {});
  const spy = spyFetch();
  const retries: string[] = [];
  const arrangement: Arrangement = {
    api,
    auth: auth ?? api,
    method,
    options: {
      fetch: spy.fetch,
      timeoutMs: row.timeoutMs ?? timeoutMs,
      hooks: {
        onRetry: (event) => {
          retries.push(`${event.method} ${event.path} attempt ${event.attempt}: ${event.reason}`);
          arrangement.onRetry?.();
        },
      },
    },
  };
  try {
    await row.arrange(arrangement);
    const crm = clientFor(api, arrangement.options, arrangement.auth);
    await arrangement.before?.(crm);
    spy.reset();
    const firstApiRequest = api.requests.length;
    const cellId = `${row.fault}-${method.replaceAll(/\W+/g, "-")}`;
    const result = await outcomeOf(() => call(crm, method, cellId));
    // A hung or trickling attempt's connection must be dropped by the client when it gives up.
    if (row.timeoutMs !== undefined) await settle(50);
    const received = api.requests.slice(firstApiRequest).filter((request) => request.path !== tokenPath);
    const expected = row.expect(method);
    const problems: string[] = [];
    // Every sleep the client may take, every attempt meant to time out, what the server asked to wait, and slack.
    const budgetMs =
      backoffCeilings(maxRetries) * (row.tokenFault ? 2 : 1) +
      (row.timeoutMs ?? 0) * (maxRetries + 1) +
      (row.waitMs ?? 0) +
      2_500; // a busy machine

    if (result.outcome !== expected.outcome) problems.push(`expected ${expected.outcome}, got ${result.outcome}`);
    if (!withinExpected(spy.attempts.api, expected.attempts))
      problems.push(`expected ${JSON.stringify(expected.attempts)} API attempts, the client made ${spy.attempts.api}`);
    const replays = received.some((request) => request.status === 401) ? 1 : 0;
    if (spy.attempts.api > maxRetries + 1 + replays)
      problems.push(`${spy.attempts.api} API attempts exceed maxRetries + 1 (+1 for a 401 replay)`);
    if (spy.attempts.token > 2 * (maxRetries + 1))
      problems.push(`${spy.attempts.token} token attempts: more than two token fetches of maxRetries + 1 attempts`);
    if (result.ms > budgetMs) problems.push(`took ${result.ms} ms, over the ${budgetMs} ms budget`);
    const leftOpen = received.filter(
      (request) => (request.fault === "hang" || request.fault === "slow-body") && !request.abandoned,
    ).length;
    if (leftOpen > 0) problems.push(`${leftOpen} timed-out connection(s) left open by the client`);
    const duplicates = duplicatedWrites(received, method);
    if (duplicates > 0) problems.push(`${duplicates} duplicated write(s)`);
    if (result.error !== undefined && !(result.error instanceof CrmError))
      problems.push(`threw an untyped ${String(result.error)}`);
    if (result.error instanceof CrmApiError) {
      const made = result.error.path === "/oauth/token" ? spy.attempts.token : spy.attempts.api;
      if (result.error.attempts !== made)
        problems.push(`error.attempts is ${result.error.attempts}, the client made ${made} attempts`);
    }
    if (row.fault === "huge-50mb" && result.outcome === "success") {
      const notes = (result.value as { notes?: string }).notes ?? "";
      if (notes.length < hugeBytes - 200) problems.push(`the 50 MB body arrived with ${notes.length} bytes of notes`);
    }

    const observed: CellResult["observed"] = {
      outcome: result.outcome,
      attempts: spy.attempts.api,
      tokenAttempts: spy.attempts.token,
      received: received.length,
      retries,
    };
    if (result.error instanceof Error) observed.message = result.error.message;
    const cell: CellResult = {
      table: "requests",
      fault: row.fault,
      label: row.label,
      method,
      expected,
      observed,
      duplicatedWrites: duplicates,
      ms: result.ms,
      budgetMs,
      problems,
    };
    return cell;
  } finally {
    await api.stop();
    await auth?.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Pagination

const concurrencies = [1, 4] as const;
type Concurrency = (typeof concurrencies)[number];
const pagingMethod = (concurrency: Concurrency) => `paginate (concurrency ${concurrency})`;

interface PageRow {
  fault: string;
  label: string;
  total: number;
  pageSize: number;
  list?: () => ListPage;
  arrange?(api: FaultServer): void;
  expect(concurrency: Concurrency): Expected;
  /** For a failing row: how many items come out before the error (a prefix, in order). */
  yieldedBeforeError?: number;
  timeoutMs?: number;
}

const onPage = (pageIndex: number) => ({
  method: "GET",
  path: "/api/v1/people",
  query: { pageIndex: String(pageIndex) },
});

// 500 items, 40 a page: 13 pages, the last one short.
const total = 500;
const pageSize = 40;
const pageRows: PageRow[] = [
  { fault: "pages-honest", label: "500 items, 40 a page, no fault", total, pageSize, expect: () => succeeds(13) },
  {
    fault: "pages-503-once",
    label: "503 once on page 3",
    total,
    pageSize,
    arrange: (api) => api.script(onPage(3), { kind: "status", status: 503, headers: quick }),
    expect: () => succeeds(14),
  },
  {
    fault: "pages-reset-once",
    label: "Connection reset once on page 2",
    total,
    pageSize,
    arrange: (api) => api.script(onPage(2), { kind: "reset-before-headers" }),
    expect: () => succeeds(14),
  },
  {
    fault: "pages-hang-once",
    label: "No response once on page 5",
    total,
    pageSize,
    timeoutMs: shortTimeoutMs,
    arrange: (api) => api.script(onPage(5), { kind: "hang" }),
    expect: () => succeeds([14, 15]),
  },
  {
    fault: "pages-429-once",
    label: "429 (`retry-after-ms: 50`) once on page 1",
    total,
    pageSize,
    arrange: (api) => api.script(onPage(1), { kind: "status", status: 429, headers: { "retry-after-ms": "50" } }),
    expect: () => succeeds(14),
  },
  {
    fault: "pages-overlapping",
    label: "Overlapping pages: 3 new items at the head after every page",
    total,
    pageSize,
    list: () => shiftingPages(total, 3),
    // Ahead-fetching falls back to one page at a time once the total changes: the requests vary.
    expect: (concurrency) => succeeds(concurrency === 1 ? 14 : [13, 20]),
  },
  {
    fault: "pages-overlapping-no-total",
    label: "Overlapping pages without totalCount, and a 503 once on page 1",
    total,
    pageSize,
    list: () => shiftingPages(total, 3, false),
    arrange: (api) => api.script(onPage(1), { kind: "status", status: 503, headers: quick }),
    expect: (concurrency) => succeeds(concurrency === 1 ? 15 : [14, 20]),
  },
  {
    fault: "pages-repeated",
    label: "Page 2 repeats page 1 (the server ignores pageIndex)",
    total,
    pageSize,
    list: () => (pageIndex, size, nth) => honestPages(total)(pageIndex === 2 ? 1 : pageIndex, size, nth),
    yieldedBeforeError: 2 * pageSize,
    expect: (concurrency) => fails("PaginationError", concurrency === 1 ? 3 : [3, 7]),
  },
  {
    fault: "pages-empty-beyond-total",
    label: "No totalCount, 200 items, 50 a page: an empty page ends it",
    total: 200,
    pageSize: 50,
    list: () => (pageIndex, size, nth) => {
      const { data } = honestPages(200)(pageIndex, size, nth) as { data: unknown[] };
      return { data, pageIndex, pageSize: size };
    },
    expect: (concurrency) => succeeds(concurrency === 1 ? 5 : [5, 9]),
  },
  {
    fault: "pages-total-overstated",
    label: "totalCount says 300, the list holds 200 (50 a page): the short page is read again, then fails",
    total: 200,
    pageSize: 50,
    list: () => (pageIndex, size, nth) => ({ ...(honestPages(200)(pageIndex, size, nth) as object), totalCount: 300 }),
    yieldedBeforeError: 200,
    expect: (concurrency) => fails("PaginationError", concurrency === 1 ? 6 : [6, 8]),
  },
  {
    fault: "pages-500-always",
    label: "500 on every attempt at page 2",
    total,
    pageSize,
    arrange: (api) => api.script(onPage(2), { kind: "status", status: 500, headers: quick }, Infinity),
    yieldedBeforeError: 2 * pageSize,
    expect: (concurrency) => fails("ServerError", concurrency === 1 ? 5 : [5, 9]),
  },
  {
    fault: "pages-malformed-json",
    label: "Page 1 is not JSON",
    total,
    pageSize,
    arrange: (api) => api.script(onPage(1), { kind: "malformed-json" }),
    yieldedBeforeError: pageSize,
    expect: (concurrency) => fails("InvalidResponseError", concurrency === 1 ? 2 : [2, 6]),
  },
];

async function runPageCell(row: PageRow, concurrency: Concurrency): Promise<CellResult> {
  const api = await FaultServer.start();
  const spy = spyFetch();
  api.list = row.list?.() ?? honestPages(row.total);
  row.arrange?.(api);
  try {
    const retries: string[] = [];
    const crm = clientFor(api, {
      fetch: spy.fetch,
      timeoutMs: row.timeoutMs ?? timeoutMs,
      hooks: {
        onRetry: (event) => retries.push(`${event.method} ${event.path} attempt ${event.attempt}: ${event.reason}`),
      },
    });
    const ids: string[] = [];
    const result = await outcomeOf(async () => {
      const pages = crm.people.iterate({ pageSize: row.pageSize }, { concurrency });
      for await (const item of pages) ids.push(item.id);
    });
    // Pages fetched ahead may still be on the wire after an error: count them once they are done.
    await spy.idle();
    const expected = row.expect(concurrency);
    const wanted = Array.from({ length: row.yieldedBeforeError ?? row.total }, (_, i) => personId(i));
    const wantedSet = new Set(wanted);
    const got = new Set(ids);
    const lostItems = wanted.filter((id) => !got.has(id)).length;
    const duplicatedItems = ids.length - got.size;
    // Items added while paging (a growing list) may show up; the items that were there must, once each, in order.
    const original = ids.filter((id) => wantedSet.has(id));
    const budgetMs = backoffCeilings(maxRetries) + 2 * (row.timeoutMs ?? 0) + 3_000;
    const problems: string[] = [];
    if (result.outcome !== expected.outcome) problems.push(`expected ${expected.outcome}, got ${result.outcome}`);
    if (!withinExpected(spy.attempts.api, expected.attempts))
      problems.push(`expected ${JSON.stringify(expected.attempts)} API requests, the client made ${spy.attempts.api}`);
    if (lostItems > 0) problems.push(`${lostItems} item(s) lost`);
    if (duplicatedItems > 0) problems.push(`${duplicatedItems} item(s) yielded twice`);
    if (lostItems === 0 && original.join() !== wanted.join()) problems.push("items out of order");
    if (result.ms > budgetMs) problems.push(`took ${result.ms} ms, over the ${budgetMs} ms budget`);
    if (result.error !== undefined && !(result.error instanceof CrmError))
      problems.push(`threw an untyped ${String(result.error)}`);
    const observed: CellResult["observed"] = {
      outcome: result.outcome,
      attempts: spy.attempts.api,
      tokenAttempts: spy.attempts.token,
      received: api.apiRequests().length,
      retries,
    };
    if (result.error instanceof Error) observed.message = result.error.message;
    const cell: CellResult = {
      table: "pagination",
      fault: row.fault,
      label: row.label,
      method: pagingMethod(concurrency),
      expected,
      observed,
      duplicatedWrites: 0,
      lostItems,
      duplicatedItems,
      ms: result.ms,
      budgetMs,
      problems,
    };
    return cell;
  } finally {
    await api.stop();
  }
}

// ---------------------------------------------------------------------------------------------

const requestCells = [...requestRows, ...hugeRows].flatMap((row) =>
  (row.methods ?? methods).map((method) => ({ row, method, name: `${row.fault} × ${method}` })),
);
const pageCells = pageRows.flatMap((row) =>
  concurrencies.map((concurrency) => ({ row, concurrency, name: `${row.fault} × ${pagingMethod(concurrency)}` })),
);
const results = new Map<string, CellResult>();
const rejections = captureUnhandledRejections();

beforeAll(async () => {
  rejections.start();
  // The first fetch of a process loads undici, which blocks the event loop long enough to time out
  // the first cells' attempts; pay for it here, outside any cell.
  const warmUp = await FaultServer.start();
  await clientFor(warmUp).people.list();
  await warmUp.stop();
  const started = performance.now();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const pooled = await pool(
    [
      ...requestCells
        .filter((cell) => !hugeRows.includes(cell.row))
        .map((cell) => async () => [cell.name, await runRequestCell(cell.row, cell.method)] as const),
      ...pageCells.map((cell) => async () => [cell.name, await runPageCell(cell.row, cell.concurrency)] as const),
    ],
    12,
  );
  for (const [name, result] of pooled) results.set(name, result);
  lag.disable();
  const poolLag = `event loop delay p99 ${Math.round(lag.percentile(99) / 1e6)} ms, max ${Math.round(lag.max / 1e6)} ms`;
  // Alone, so that its memory and CPU do not disturb the timing of the others.
  for (const cell of requestCells.filter((candidate) => hugeRows.includes(candidate.row)))
    results.set(cell.name, await runRequestCell(cell.row, cell.method));
  console.info(`fault matrix: ${results.size} cells in ${Math.round(performance.now() - started)} ms; ${poolLag}`);
}, 60_000);

afterAll(() => {
  rejections.stop();
  writeResults({
    generatedAt: new Date().toISOString(),
    command: "pnpm --filter @engagifii/crm-client exec vitest run test/reliability",
    node: process.version,
    settings: { maxRetries, timeoutMs },
    cells: [...requestCells, ...pageCells].flatMap((cell) => results.get(cell.name) ?? []),
  });
});

function check(name: string) {
  const result = results.get(name);
  expect(result, `cell ${name} did not run`).toBeDefined();
  expect(result?.problems, `${name}: ${result?.observed.message ?? ""}`).toEqual([]);
}

describe("fault matrix: requests", () => {
  it.each(requestCells.map((cell) => cell.name))("%s", check);
});

describe("fault matrix: pagination", () => {
  it.each(pageCells.map((cell) => cell.name))("%s", check);
});

describe("after the matrix", () => {
  it("raised no unhandled rejection", async () => {
    await settle(50);
    expect(rejections.reasons.map(String)).toEqual([]);
  });

  it("the built client leaves no timer or socket behind: a child process exits on its own", async () => {
    expect(existsSync(builtClient), `${builtClient} is missing: build the client first`).toBe(true);
    const started = performance.now();
    const child = spawn(process.execPath, [join(here, "exit-check.mjs"), builtClient], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", (exitCode) => resolve(exitCode)));
    clearTimeout(killer);
    const elapsed = performance.now() - started;
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(elapsed, "the child kept running after its work was done").toBeLessThan(5_000);
    const report = JSON.parse(stdout) as { outcomes: Record<string, string>; workMs: number };
    expect(report.outcomes).toEqual({
      "success (30 s timeout)": "success",
      "503 then success (30 s timeout)": "success",
      "hang (GET)": "TimeoutError",
      "hang (POST)": "TimeoutError",
      "slow body": "TimeoutError",
      reset: "ConnectionError",
      "caller abort during a 30 s Retry-After": "AbortError",
      "caller abort while queued in the rate limiter (60 s)": "AbortError",
      "429 with Retry-After: 3600": "RateLimitError",
      "paginate (concurrency 4), stop after 1 item": "success",
    });
  });
});
