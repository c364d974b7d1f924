import { appendFile, readFile, unlink } from "node:fs/promises";

/**
 * The writes a sync has completed, one JSON line per write appended as soon as the API answered.
 * Appends are atomic for lines this short, and a line cut off by a crash is ignored on reading.
 * A re-run skips these keys even when the API's list does not show the change yet.
 */
export interface SyncCheckpoint {
  path: string;
  completed: Set<string>;
  record(entry: { key: string; kind: string; match: string; id: string | undefined }): Promise<void>;
  remove(): Promise<void>;
}

export function syncCheckpointPath(inputPath: string): string {
  return `${inputPath}.sync-checkpoint.jsonl`;
}

export async function openSyncCheckpoint(path: string): Promise<SyncCheckpoint> {
  const completed = new Set<string>();
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  for (const line of text.split("\n")) {
    try {
      const entry = JSON.parse(line) as { key?: unknown };
      if (typeof entry.key === "string") completed.add(entry.key);
    } catch {
      // an empty line, or the last line of a crashed run cut short: that write is not counted as done
    }
  }
  return {
    path,
    completed,
    async record(entry) {
      await appendFile(path, `${JSON.stringify({ ...entry, at: new Date().toISOString() })}\n`);
      completed.add(entry.key);
    },
    remove: () => unlink(path).catch(() => undefined),
  };
}
