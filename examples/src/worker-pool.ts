// Running many workers: the primary process pages through every person once and hands the ids out to a pool of
// worker processes, which read each person in full (the per-record calls an enrichment or a sync makes). All of them
// together hold one token and stay within one rate limit, through Redis. Against the mock (no ENGAGIFII_*
// credentials) the primary starts it and hands its URL to the workers.
//
//   REDIS_URL=redis://127.0.0.1:6379 pnpm exec tsx src/worker-pool.ts [workers, default 4]
import cluster, { type Worker } from "node:cluster";
import { once } from "node:events";
import { type CrmClient, createCrmClient } from "@engagifii/crm-client";
import { startMockServer } from "@engagifii/crm-mock-server";
import { createRedisStores } from "@engagifii/crm-redis";
import { Redis } from "ioredis";
import { mockClientOptions } from "./connect.js";
import { idOf } from "./record-id.js";

/** What the primary sends a worker: ids to read, then `done` once every page has been handed out. */
type Assignment = { ids: string[] } | { done: true };
/** What a worker sends once it listens: messages sent before that would be lost. */
const READY = "ready";

/** A client whose token and rate limit are shared with every process using the same Redis and prefix. */
export function createPoolClient(redis: Redis, workers: number, env: NodeJS.ProcessEnv = process.env): CrmClient {
  const stores = createRedisStores(redis, { prefix: "engagifii-example", expectedWorkers: workers });
  const mockUrl = env.EXAMPLE_MOCK_URL;
  return createCrmClient({ ...(mockUrl ? mockClientOptions(mockUrl) : { env }), ...stores });
}

/** Hands every page of ids to the workers in turn, then tells each that nothing more is coming. */
export async function dealPages(crm: CrmClient, workers: Worker[]): Promise<number> {
  let pages = 0;
  for await (const page of crm.people.iterate(undefined, { pageSize: 50 }).pages()) {
    const assignment: Assignment = { ids: page.map((person) => idOf(person, "a person")) };
    workers[pages++ % workers.length]?.send(assignment);
  }
  for (const worker of workers) worker.send({ done: true } satisfies Assignment);
  return pages;
}

/** Reads each assigned person in full until the primary says it is done; returns how many were read. */
async function readAssigned(crm: CrmClient): Promise<number> {
  let read = 0;
  const queue: string[][] = [];
  let done = false;
  let wake: (() => void) | undefined;
  const receive = (message: Assignment) => {
    if ("done" in message) done = true;
    else queue.push(message.ids);
    wake?.();
  };
  process.on("message", receive);
  process.send?.(READY);
  try {
    while (!done || queue.length > 0) {
      const ids = queue.shift();
      if (!ids) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      for (const id of ids) {
        await crm.people.get(id);
        read++;
      }
    }
  } finally {
    process.off("message", receive); // lets the worker exit: the IPC channel no longer holds it open
  }
  return read;
}

async function primary(count: number): Promise<void> {
  const live = Boolean(process.env.ENGAGIFII_CLIENT_ID);
  const mock = live ? undefined : await startMockServer({ stateful: true });
  const env = mock ? { EXAMPLE_MOCK_URL: mock.url } : {};
  const workers = Array.from({ length: count }, (_, index) =>
    cluster.fork({ ...env, WORKER_INDEX: String(index), WORKERS: String(count) }),
  );
  const exits = workers.map(async (worker) => (await once(worker, "exit"))[0] as number | null);
  await Promise.all(workers.map((worker) => once(worker, "message")));
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  try {
    const pages = await dealPages(createPoolClient(redis, count + 1, { ...process.env, ...env }), workers);
    console.log(`primary: ${pages} pages handed to ${count} workers`);
  } finally {
    await redis.quit();
  }
  const codes = await Promise.all(exits);
  await mock?.stop();
  if (codes.some((code) => code !== 0)) process.exitCode = 1;
}

async function worker(): Promise<void> {
  const index = Number(process.env.WORKER_INDEX);
  const workers = Number(process.env.WORKERS);
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  try {
    const people = await readAssigned(createPoolClient(redis, workers + 1));
    console.log(`worker ${index + 1}/${workers}: ${people} people`);
  } finally {
    await redis.quit();
  }
}

if (process.argv[1]?.endsWith("worker-pool.ts")) {
  (cluster.isPrimary ? primary(Number(process.argv[2] ?? 4)) : worker()).catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    process.exitCode = 1;
  });
}
