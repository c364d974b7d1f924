import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { usageError } from "./cli-error.js";
import { collect, type FieldFlags, readFields } from "./fields.js";

/** The body flags of the write commands: `--data`, and `-f`, `-F`, `--input` as in fields.ts. */
export interface BodyFlags extends FieldFlags {
  /** JSON, `@file.json`, or `-` (also `@-`) for stdin. */
  data?: string;
}

/** The request body the flags give, or undefined when they give none. */
export async function readBody(flags: BodyFlags, readStdin: () => Promise<string> = readAllStdin): Promise<unknown> {
  if (flags.data !== undefined && flags.input !== undefined) {
    throw usageError("--data and --input both give the body", "pass one of them; -f/-F fields are merged over it");
  }
  const fields = readFields(flags);
  if (flags.data === undefined) return fields;
  const data = parseData(await dataText(flags.data, readStdin), flags.data);
  if (fields === undefined) return data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw usageError("--data must be a JSON object when -f/-F fields are merged over it");
  }
  return { ...data, ...fields };
}

async function dataText(value: string, readStdin: () => Promise<string>): Promise<string> {
  if (value === "-" || value === "@-") return readStdin();
  if (!value.startsWith("@")) return value;
  try {
    return await readFile(value.slice(1), "utf8");
  } catch (error) {
    throw usageError(
      `--data ${value}: cannot read ${value.slice(1)} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
}

function parseData(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const shown = flag.startsWith("@") || flag === "-" ? ` ${flag}` : "";
    throw usageError(
      `--data${shown} is not JSON: ${(error as Error).message.split("\n")[0]}`,
      "pass JSON (quoted for the shell), @file.json, or - to read stdin",
    );
  }
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Adds the body flags to a command: `--data`, `-f`, `-F`, `--input`. */
export function addBodyOptions(command: Command): Command {
  return command
    .option("--data <json|@file|->", "the body as JSON, @file.json, or - to read stdin (-f/-F are merged over it)")
    .option("-f, --field <key=value>", "a string field", collect)
    .option("-F, --typed-field <key=value>", "a typed field: true, false, null, numbers; @file reads a file", collect)
    .option("--input <file.json>", "the fields from a JSON file (-f/-F are merged over it)");
}
