import { type CrmCoreClient, createCrmCoreClient } from "@engagifii/crm-client";
import type { BenchPaths } from "./bench-paths.js";

type CrmClient = CrmCoreClient<BenchPaths>;

import { nextTick, smallPage } from "./fixtures.js";
import { type BenchResult, budget, median, metric } from "./result.js";
import { progress, runAsScript } from "./run-as-script.js";

const name = "token-single-flight";
const concurrent = 1_000;
const tokenLatencyMs = 5;
const baseUrl = "https://api.bench.local";
const tokenUrl = "https://auth.bench.local/oauth/token";

/** A stubbed API and token endpoint; the token endpoint takes `tokenLatencyMs` and counts its calls. */
function stubbedEndpoints() {
  const counts = { token: 0, api: 0, unauthorised: 0 };
  const fetch = async (request: Request): Promise<Response> => {
    if (request.url === tokenUrl) {
      counts.token++;
      await new Promise((resolve) => setTimeout(resolve, tokenLatencyMs));
      return Response.json({ access_token: `bench-token-${counts.token}`, token_type: "Bearer", expires_in: 3600 });
    }
    counts.api++;
    if (!request.headers.get("authorization")?.startsWith("Bearer bench-token-")) counts.unauthorised++;
    await nextTick();
    return Response.json(smallPage);
  };
  return { counts, fetch };
}

let clients = 0;

/** A client with its own token cache: the cache is shared per (tokenUrl, clientId, …), so each gets a new clientId. */
function client(fetch: (request: Request) => Promise<Response>): CrmClient {
  return createCrmCoreClient<BenchPaths>({
    baseUrl,
    tokenUrl,
    clientId: `bench-client-${++clients}`,
    clientSecret: "bench-secret",
    tenantCode: "bench",
    rateLimit: false,
    fetch,
    env: {},
  });
}

async function timed(operation: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await operation();
  return performance.now() - started;
}

const get = (crm: CrmClient) => crm.GET("/api/v1/people", { params: { query: { pageIndex: 0, pageSize: 10 } } });

async function burst(crm: CrmClient): Promise<void> {
  const results = await Promise.all(Array.from({ length: concurrent }, () => get(crm)));
  const failed = results.filter((result) => !result.response.ok).length;
  if (failed > 0) throw new Error(`${failed} of ${concurrent} requests failed`);
}

export async function run(): Promise<BenchResult> {
  const started = performance.now();
  progress(name, `${concurrent} concurrent first requests, token endpoint ${tokenLatencyMs} ms; 7 cold/warm pairs`);

  const tokenCalls: number[] = [];
  const coldBursts: number[] = [];
  const warmBursts: number[] = [];
  let unauthorised = 0;
  for (let repeat = 0; repeat < 7; repeat++) {
    const { counts, fetch } = stubbedEndpoints();
    const crm = client(fetch);
    coldBursts.push(await timed(() => burst(crm)));
    tokenCalls.push(counts.token);
    warmBursts.push(await timed(() => burst(crm)));
    unauthorised += counts.unauthorised;
  }

  progress(name, "single first request vs a warm client's, 50 clients");
  const coldSingles: number[] = [];
  const warmSingles: number[] = [];
  for (let repeat = 0; repeat < 50; repeat++) {
    const { fetch } = stubbedEndpoints();
    const crm = client(fetch);
    coldSingles.push(await timed(() => get(crm)));
    warmSingles.push(await timed(() => get(crm)));
  }

  const maxTokenCalls = Math.max(...tokenCalls);
  const minTokenCalls = Math.min(...tokenCalls);
  const coldSingle = median(coldSingles);
  const warmSingle = median(warmSingles);
  return {
    bench: name,
    title: `Token single-flight: ${concurrent} concurrent first requests, token endpoint takes ${tokenLatencyMs} ms`,
    durationMs: performance.now() - started,
    metrics: [
      metric("token calls per cold burst (max of 7)", maxTokenCalls, "calls"),
      metric("requests sent without the fetched token", unauthorised, "requests"),
      metric(
        `time the token adds to a cold burst of ${concurrent} (median of 7)`,
        median(coldBursts) - median(warmBursts),
        "ms",
      ),
      metric("request on a warm client (median of 50)", warmSingle, "ms"),
      metric("time the token adds to the first request (median of 50)", coldSingle - warmSingle, "ms"),
    ],
    budgets: [
      budget(
        `token calls for ${concurrent} concurrent first requests`,
        "exactly 1",
        minTokenCalls === maxTokenCalls ? String(maxTokenCalls) : `${minTokenCalls}–${maxTokenCalls}`,
        minTokenCalls === 1 && maxTokenCalls === 1 && unauthorised === 0,
      ),
    ],
    notes: [`the token endpoint alone accounts for ${tokenLatencyMs} ms (plus timer granularity) of the added time`],
  };
}

runAsScript(import.meta.url, run);
