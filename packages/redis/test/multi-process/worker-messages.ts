/** What the orchestrator tells a worker, in the MANY_WORKERS_CONFIG environment variable. */
export interface WorkerConfig {
  index: number;
  baseUrl: string;
  redisUrl: string;
  prefix: string;
  callers: number;
  requestsPerCaller: number;
  limit: { requests: number; intervalMs: number };
  expectedWorkers: number;
}

/** What a worker reports, over IPC. */
export type WorkerMessage =
  | { type: "ready" }
  | {
      type: "done";
      index: number;
      ok: number;
      failures: string[];
      /** When its last request ended (epoch ms, sub-millisecond). */
      finishedAt: number;
      warnings: string[];
    };

/** The orchestrator's "start now". */
export interface GoMessage {
  type: "go";
}
