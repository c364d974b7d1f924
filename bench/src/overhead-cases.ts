import { createCrmClient, type Logger } from "@engagifii/crm-client";
import type { paths } from "@engagifii/crm-types";
import createClient from "openapi-fetch";
import { nextTick, overheadBody, overheadPageSize } from "./fixtures.js";
import type { Case } from "./measure.js";

/**
 * openapi-fetch for the baseline (2), loaded as a module instance of its own (the `?baseline`
 * query makes a new instance of the same file). The crm client calls openapi-fetch too, with
 * other options; if (2) ran the same `coreFetch`, V8's feedback for it would be shared and the
 * baseline's speed would depend on which client ran last.
 */
const baselineCreateClient = (
  (await import(`${import.meta.resolve("openapi-fetch")}?baseline`)) as { default: typeof createClient }
).default;

export const token = "bench-token";
export const tenantCode = "bench";
const query = { pageIndex: 0, pageSize: overheadPageSize };

/** Raw fetch calls it with a URL, the clients with a Request; global fetch takes both. */
export type AnyFetch = (input: Request | string, init?: RequestInit) => Promise<Response>;

/** `fetch` stubbed as openapi-fetch's benchmark does: a fresh `Response.json(body)` on the next tick. */
export const stubFetch: AnyFetch = async () => {
  await nextTick();
  return Response.json(overheadBody);
};

const noopLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };

export const caseNames = {
  raw: "(1) raw fetch",
  openapiFetch: "(2) openapi-fetch",
  crmNoLimiter: "(3) crm, rateLimit: false",
  crmLimiter: "(4) crm, limiter 1e6/60s",
  crmInfoLog: "(5) crm, info log to no-op",
  control: "(2′) openapi-fetch, a second client (A/A control)",
  floorSignal: "(6) openapi-fetch + an AbortController per request",
  floorSignalHeader: "(7) (6) + X-Correlation-ID set beneath middleware",
} as const;

/**
 * The same GET /api/v1/people?pageIndex=0&pageSize=10 through five clients, each sending the
 * bearer token and tenant header and parsing the JSON body.
 */
export function overheadCases(fetch: AnyFetch, baseUrl: string): Case[] {
  const headers = { authorization: `Bearer ${token}`, "tenant-code": tenantCode };
  const url = `${baseUrl}/api/v1/people?pageIndex=0&pageSize=${overheadPageSize}`;
  const bare = baselineCreateClient<paths>({ baseUrl, fetch, headers });
  const control = createClient<paths>({ baseUrl, fetch, headers });
  // What any client with per-attempt timeouts and a correlation id pays, whatever else it does:
  // the floor under (3).
  const withSignal = createClient<paths>({
    baseUrl,
    headers,
    fetch: (request) => fetch(request, { signal: new AbortController().signal }),
  });
  const withSignalAndHeader = createClient<paths>({
    baseUrl,
    headers,
    fetch: (request) => {
      request.headers.set("x-correlation-id", crypto.randomUUID());
      return fetch(request, { signal: new AbortController().signal });
    },
  });
  const crm = (options: Parameters<typeof createCrmClient>[0]) =>
    createCrmClient({ baseUrl, tenantCode, accessToken: token, fetch, env: {}, ...options });
  const noLimiter = crm({ rateLimit: false });
  // Not the 1e9 the brief suggested: the limiter allocates a Float64Array of `requests` slots (8 GB at 1e9).
  const limited = crm({ rateLimit: { requests: 1_000_000, intervalMs: 60_000 } });
  const logged = crm({ rateLimit: false, logger: noopLogger, logLevel: "info" });
  return [
    {
      name: caseNames.raw,
      run: async () => (await fetch(url, { headers })).json(),
    },
    { name: caseNames.openapiFetch, run: () => bare.GET("/api/v1/people", { params: { query } }) },
    { name: caseNames.crmNoLimiter, run: () => noLimiter.GET("/api/v1/people", { params: { query } }) },
    { name: caseNames.crmLimiter, run: () => limited.GET("/api/v1/people", { params: { query } }) },
    { name: caseNames.crmInfoLog, run: () => logged.GET("/api/v1/people", { params: { query } }) },
    { name: caseNames.floorSignal, run: () => withSignal.GET("/api/v1/people", { params: { query } }) },
    {
      name: caseNames.floorSignalHeader,
      run: () => withSignalAndHeader.GET("/api/v1/people", { params: { query } }),
    },
    // Case 8: the same code as (2) through another client, to show what the method can resolve.
    { name: caseNames.control, run: () => control.GET("/api/v1/people", { params: { query } }) },
  ];
}

/** Fails loudly before measuring when a case does not actually get the page (a stub or server mistake). */
export async function checkCases(cases: readonly Case[]): Promise<void> {
  for (const item of cases) {
    const result = (await item.run()) as { response?: Response; data?: unknown };
    // openapi-fetch and the crm client return { data, response }; raw fetch returns the body itself.
    const page = (result.response ? result.data : result) as { data?: unknown[] } | undefined;
    if (!Array.isArray(page?.data) || page.data.length !== overheadPageSize) {
      throw new Error(`${item.name} did not return the ${overheadPageSize}-person page: ${JSON.stringify(result)}`);
    }
  }
}
