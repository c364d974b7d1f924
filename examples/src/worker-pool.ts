// Running many workers: a pool of processes reads every page of people, each its share of the pages,
// while all of them together hold one token and stay within one rate limit, through Redis.
// Against the mock (no ENGAGIFII_* credentials) the primary starts it and hands its URL to the workers.
//
//   REDIS_URL=redis://127.0.0.1:6379 pnpm exec tsx src/worker-pool.ts [workers, default 4]
import cluster from "node:cluster";
import { type CrmClient, createCrmClient } from "@engagifii/crm-client";
import { startMockServer } from "@engagifii/crm-mock-server";
import { createRedisStores } from "@engagifii/crm-redis";
import { Redis } from "ioredis";
import { mockClientOptions } from "./connect.js";

const pageSize = 50;

/** A client whose token and rate limit are shared with every process using the same Redis and prefix. */
export function createPoolClient(redis: Redis, workers: number, env: NodeJS.ProcessEnv = process.env): CrmClient {
  const stores = createRedisStores(redis, { prefix: "engagifii-example", expectedWorkers: workers });
  const mockUrl = env.EXAMPLE_MOCK_URL;
  return createCrmClient({ ...(mockUrl ? mockClientOptions(mockUrl) : { env }), ...stores });
}

/** Reads the pages numbered `index`, `index + workers`, … and returns how many people they held. */
export async function readShare(crm: CrmClient, index: number, workers: number): Promise<number> {
  const { totalCount } = await crm.people.list({ pageIndex: 0, pageSize: 1 });
  let people = 0;
  for (let pageIndex = index; pageIndex * pageSize < totalCount; pageIndex += workers) {
    const page = await crm.people.list({ pageIndex, pageSize });
    people += page.data.length;
  }
  return people;
}

async function primary(workers: number): Promise<void> {
  const live = Boolean(process.env.ENGAGIFII_CLIENT_ID);
  const mock = live ? undefined : await startMockServer();
  const env = mock ? { EXAMPLE_MOCK_URL: mock.url } : {};
  const exits = Array.from({ length: workers }, (_, index) => {
    const worker = cluster.fork({ ...env, WORKER_INDEX: String(index), WORKERS: String(workers) });
    return new Promise<number | null>((resolve) => worker.once("exit", resolve));
  });
  const codes = await Promise.all(exits);
  await mock?.stop();
  if (codes.some((code) => code !== 0)) process.exitCode = 1;
}

async function worker(): Promise<void> {
  const index = Number(process.env.WORKER_INDEX);
  const workers = Number(process.env.WORKERS);
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  try {
    const people = await readShare(createPoolClient(redis, workers), index, workers);
    console.log(`worker ${index + 1}/${workers}: ${people} people`);
  } finally {
    redis.disconnect();
  }
}

if (process.argv[1]?.endsWith("worker-pool.ts")) {
  (cluster.isPrimary ? primary(Number(process.argv[2] ?? 4)) : worker()).catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    process.exitCode = 1;
  });
}
