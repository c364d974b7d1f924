import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { createInterface } from "node:readline";
import { parse } from "csv-parse/sync";
import { usageError } from "../cli-error.js";
import { lineNumbers } from "./line-numbers.js";

/** One record of the input file, with the line it starts on (1-based, the CSV header is line 1). */
export interface InputRow {
  line: number;
  values: Record<string, unknown>;
}

/** Reads a .csv (header row, parsed with csv-parse) or a .jsonl file (one JSON object per line). */
export async function readRows(path: string): Promise<InputRow[]> {
  const extension = extname(path).toLowerCase();
  try {
    if (extension === ".csv") return await readCsv(path);
    if (extension === ".jsonl" || extension === ".ndjson") return await readJsonLines(path);
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") throw usageError(`${path} does not exist`);
    throw usageError(`cannot read ${path}: ${(error as Error).message.split("\n")[0]}`);
  }
  throw usageError(`${path}: unknown file type "${extension}"`, "use a .csv or a .jsonl file");
}

async function readCsv(path: string): Promise<InputRow[]> {
  const bytes = await readFile(path);
  const lines = lineNumbers(bytes);
  const parsed = parse(bytes, { bom: true, skip_empty_lines: true, trim: true, info: true }) as unknown as {
    record: string[];
    info: { bytes: number };
  }[];
  const [header, ...records] = parsed;
  if (!header) throw new Error("the file is empty: expected a header row");
  const columns = header.record;
  const duplicate = columns.find((name, index) => columns.indexOf(name) !== index);
  if (duplicate !== undefined) throw new Error(`the header names the column "${duplicate}" twice`);
  const rows: InputRow[] = [];
  let previousEnd = header.info.bytes;
  for (const { record, info } of records) {
    const values = Object.fromEntries(columns.map((name, index) => [name, record[index] ?? ""]));
    rows.push({ line: lines.lineAt(lines.skipLineBreaks(previousEnd)), values });
    previousEnd = info.bytes;
  }
  return rows;
}

async function readJsonLines(path: string): Promise<InputRow[]> {
  const rows: InputRow[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`line ${line} is not JSON: ${(error as Error).message}`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new Error(`line ${line} is not a JSON object`);
    }
    rows.push({ line, values: value as Record<string, unknown> });
  }
  return rows;
}
