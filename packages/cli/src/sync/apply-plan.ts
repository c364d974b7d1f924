import type { Write } from "./plan.js";
import type { SyncCheckpoint } from "./sync-checkpoint.js";
import type { WriteRecord } from "./write-record.js";

export interface ApplyResult {
  created: number;
  updated: number;
  deleted: number;
  /** Writes a previous, interrupted run had already completed. */
  alreadyDone: number;
  failed: { write: Write; error: unknown }[];
}

/**
 * Sends the writes, `concurrency` at a time, each recorded in the checkpoint once the API has
 * answered. A failed write is reported, not retried here (the client already retried what is
 * safe to retry), and the others go on. An abort (Ctrl-C) lets the writes in flight finish and
 * starts no new one, so the checkpoint is exact.
 */
export async function applyPlan(
  writes: readonly Write[],
  options: {
    writeRecord: WriteRecord;
    checkpoint: SyncCheckpoint;
    concurrency: number;
    signal: AbortSignal;
    onProgress?: (done: number) => void;
  },
): Promise<ApplyResult> {
  const result: ApplyResult = { created: 0, updated: 0, deleted: 0, alreadyDone: 0, failed: [] };
  const counters = { create: "created", update: "updated", delete: "deleted" } as const;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < writes.length && !options.signal.aborted) {
      const write = writes[next++] as Write;
      if (options.checkpoint.completed.has(write.key)) {
        result.alreadyDone += 1;
      } else {
        try {
          const id = await options.writeRecord(write);
          await options.checkpoint.record({ key: write.key, kind: write.kind, match: write.match, id });
          result[counters[write.kind]] += 1;
        } catch (error) {
          result.failed.push({ write, error });
        }
      }
      options.onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return result;
}
