// One worker process of the multi-process proof: a client on the shared Redis stores, `callers`
// concurrent callers each sending `requestsPerCaller` requests once the orchestrator says go.
import { createCrmCoreClient } from "@engagifii/crm-client";
import { Redis } from "ioredis";
import { createRedisStores } from "../../src/index.js";
import type { WorkerConfig, WorkerMessage } from "./worker-messages.js";

const config = JSON.parse(process.env.MANY_WORKERS_CONFIG ?? "{}") as WorkerConfig;
const send = (message: WorkerMessage) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();

const redis = new Redis(config.redisUrl, { retryStrategy: () => 100 });
const warnings: string[] = [];
// The limit server's own paths (limit-server.ts), not the API document's: a spec swap leaves this worker as it is.
interface LimitServerPaths {
  "/ping": {
    get: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: Record<string, unknown>; content: { "application/json": unknown } } };
    };
  };
}

const crm = createCrmCoreClient<LimitServerPaths>({
  baseUrl: config.baseUrl,
  tokenUrl: `${config.baseUrl}/oauth/token`,
  clientId: "many-workers",
  clientSecret: "many-workers-secret",
  tenantCode: "bench",
  rateLimit: config.limit,
  maxRetries: 5,
  logLevel: "off",
  env: {},
  ...createRedisStores(redis, {
    prefix: config.prefix,
    expectedWorkers: config.expectedWorkers,
    commandTimeoutMs: 5_000,
    retryRedisAfterMs: 1_000,
    logger: { warn: (message) => warnings.push(message) },
  }),
});

async function caller(results: { ok: number; failures: string[] }): Promise<void> {
  for (let request = 0; request < config.requestsPerCaller; request++) {
    try {
      const { response } = await crm.GET("/ping");
      if (response.ok) results.ok++;
      else results.failures.push(`HTTP ${response.status}`);
    } catch (error) {
      results.failures.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  }
}

process.once("message", async () => {
  const results = { ok: 0, failures: [] as string[] };
  await Promise.all(Array.from({ length: config.callers }, () => caller(results)));
  send({ type: "done", index: config.index, ...results, finishedAt: now(), warnings });
  redis.disconnect();
  process.disconnect();
});

// Connected (or not: then the stores fall back) before the orchestrator starts the clock.
redis.ping().then(
  () => send({ type: "ready" }),
  () => send({ type: "ready" }),
);
