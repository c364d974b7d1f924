import { readFile, rm } from "node:fs/promises";
import { writeFileAtomic } from "../spec/write-atomic.js";

export interface FileWrite {
  path: string;
  text: string;
}

/**
 * Writes each file atomically, in order. If one write fails, the files already written get their old content back
 * (or are removed if they did not exist), so a failed update leaves the repository as it was.
 */
export async function writeAll(files: FileWrite[]): Promise<void> {
  const written: { path: string; original: string | undefined }[] = [];
  try {
    for (const { path, text } of files) {
      const original = await readIfExists(path);
      await writeFileAtomic(path, text);
      written.push({ path, original });
    }
  } catch (error) {
    for (const { path, original } of written.reverse()) {
      if (original === undefined) await rm(path, { force: true });
      else await writeFileAtomic(path, original);
    }
    throw error;
  }
}

export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
