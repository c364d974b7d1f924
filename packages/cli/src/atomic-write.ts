import { rename, unlink, writeFile } from "node:fs/promises";

/**
 * Writes a whole file or nothing: a temporary file beside it, then a rename, so a crash leaves
 * either the old content or the new one, never half of it.
 */
export async function writeFileAtomically(path: string, content: string, mode = 0o644): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, content, { mode, flush: true });
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
