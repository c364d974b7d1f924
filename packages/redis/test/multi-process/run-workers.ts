import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { startLimitServer } from "./limit-server.js";
import type { WorkerConfig, WorkerMessage } from "./worker-messages.js";

export interface ManyWorkersOptions {
  workers: number;
  callers: number;
  requestsPerCaller: number;
  limit: { requests: number; intervalMs: number };
  tokenLifetimeSeconds: number;
  redisUrl: string;
  prefix: string;
  /** Each worker's share of the limit while Redis is down is `requests / expectedWorkers`. */
  expectedWorkers: number;
  /** Runs this long after the start, e.g. to kill Redis mid-run. */
  midRun?: { afterMs: number; action: () => Promise<void> } | undefined;
  /** Kills the workers and fails if they are not done by then. */
  deadlineMs: number;
}

export interface ManyWorkersFigures {
  requests: number;
  ok: number;
  failures: string[];
  tooMany: number;
  tokenRequests: number;
  totalMs: number;
  /** When the last of `requests` can be sent at the limit: whole windows after the first. */
  theoreticalMinimumMs: number;
  /** Each worker's finish, from the start, in worker order. */
  finishedMs: number[];
  /** Latest minus earliest finish, as a share of the total: 0 when all workers finish together. */
  finishSpread: number;
  warnings: string[];
}

const packageDir = fileURLToPath(new URL("../..", import.meta.url));
// Inside the package, so that the bundle's imports of ioredis and the client resolve from it.
const workerBundle = fileURLToPath(new URL("../../node_modules/.cache/many-workers/worker.mjs", import.meta.url));

/**
 * Bundles worker.ts with the package's source into one plain ES module: eight workers then start
 * as plain node processes, a third of the CPU that compiling TypeScript in each would take.
 */
async function bundleWorker(): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL("./worker.ts", import.meta.url))],
    outfile: workerBundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "error",
  });
}

function startWorker(config: WorkerConfig): ChildProcess {
  return fork(workerBundle, [], {
    cwd: packageDir,
    // Not the parent's (tsx, under the bench): the bundle is plain JavaScript.
    execArgv: [],
    env: { ...process.env, MANY_WORKERS_CONFIG: JSON.stringify(config) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

function nextMessage(child: ChildProcess, type: WorkerMessage["type"]): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.type !== type) return;
      child.off("exit", onExit);
      child.off("message", onMessage);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`a worker exited (${code}) before "${type}"`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/** Runs the workers against a fresh limit server; every figure the proof needs. */
export async function runManyWorkers(options: ManyWorkersOptions): Promise<ManyWorkersFigures> {
  await bundleWorker();
  const server = await startLimitServer({ ...options.limit, tokenLifetimeSeconds: options.tokenLifetimeSeconds });
  const children: ChildProcess[] = [];
  const deadline = setTimeout(() => {
    for (const child of children) child.kill("SIGKILL");
  }, options.deadlineMs);
  try {
    const { redisUrl, prefix, callers, requestsPerCaller, limit, expectedWorkers } = options;
    for (let index = 0; index < options.workers; index++) {
      const config = {
        index,
        baseUrl: server.url,
        redisUrl,
        prefix,
        callers,
        requestsPerCaller,
        limit,
        expectedWorkers,
      };
      children.push(startWorker(config));
    }
    await Promise.all(children.map((child) => nextMessage(child, "ready")));
    const done = children.map((child) => nextMessage(child, "done"));
    const startedAt = performance.timeOrigin + performance.now();
    for (const child of children) child.send({ type: "go" });
    const midRun = options.midRun;
    const midRunDone = midRun
      ? new Promise((resolve) => setTimeout(resolve, midRun.afterMs)).then(midRun.action)
      : Promise.resolve();
    const reports = (await Promise.all(done)) as Extract<WorkerMessage, { type: "done" }>[];
    await midRunDone;
    await Promise.all(children.map((child) => (child.exitCode === null ? once(child, "exit") : undefined)));

    const finishedMs = reports.map((report) => report.finishedAt - startedAt);
    const totalMs = Math.max(...finishedMs);
    const requests = options.workers * options.callers * options.requestsPerCaller;
    return {
      requests,
      ok: reports.reduce((sum, report) => sum + report.ok, 0),
      failures: reports.flatMap((report) => report.failures),
      tooMany: server.counts.tooMany,
      tokenRequests: server.counts.tokenRequests,
      totalMs,
      theoreticalMinimumMs: Math.floor((requests - 1) / options.limit.requests) * options.limit.intervalMs,
      finishedMs,
      finishSpread: (totalMs - Math.min(...finishedMs)) / totalMs,
      warnings: reports.flatMap((report) => report.warnings),
    };
  } finally {
    clearTimeout(deadline);
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    await server.close();
  }
}
