import { readFile, unlink } from "node:fs/promises";
import { writeFileAtomically } from "../atomic-write.js";
import { CliError } from "../cli-error.js";
import { exitCodes } from "../exit-codes.js";

/** Progress of one export: pages [0, nextPage) are in the first `bytes` bytes of the output file. */
export interface ExportCheckpoint {
  version: 1;
  resource: string;
  format: string;
  pageSize: number;
  nextPage: number;
  bytes: number;
  items: number;
}

export function checkpointPath(outputPath: string): string {
  return `${outputPath}.checkpoint.json`;
}

export async function readExportCheckpoint(path: string): Promise<ExportCheckpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<ExportCheckpoint>;
  if (parsed.version !== 1 || typeof parsed.nextPage !== "number" || typeof parsed.bytes !== "number") {
    throw new CliError(`${path} is not an export checkpoint`, {
      hint: "delete it to start over",
      exitCode: exitCodes.usage,
    });
  }
  return parsed as ExportCheckpoint;
}

/** Written after each page, atomically: a crash leaves the previous checkpoint or this one. */
export function writeExportCheckpoint(path: string, checkpoint: ExportCheckpoint): Promise<void> {
  return writeFileAtomically(path, JSON.stringify(checkpoint));
}

export async function removeExportCheckpoint(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}
