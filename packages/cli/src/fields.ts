import { readFileSync } from "node:fs";
import { usageError } from "./cli-error.js";

/** `-f`, `-F`, `--input` and `--query` as commander collects them. */
export interface FieldFlags {
  field?: string[];
  typedField?: string[];
  input?: string;
  query?: string[];
}

/** Collects a repeatable flag's values. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function splitPair(pair: string, flag: string): [string, string] {
  const at = pair.indexOf("=");
  if (at <= 0) throw usageError(`${flag} "${pair}" is not key=value`, `e.g. ${flag} email=jane@example.com`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

/** `-F`: true, false, null and numbers become JSON values; `@file` is the file's content. */
function typedValue(value: string): unknown {
  if (value.startsWith("@")) {
    try {
      return readFileSync(value.slice(1), "utf8").replace(/\n$/, "");
    } catch (error) {
      throw usageError(`cannot read ${value.slice(1)}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
    }
  }
  if (value === "true" || value === "false" || value === "null") return JSON.parse(value);
  if (value !== "" && Number.isFinite(Number(value))) return Number(value);
  return value;
}

/** The fields given with -f and -F, merged over the JSON object of --input. */
export function readFields(flags: FieldFlags): Record<string, unknown> | undefined {
  let body: Record<string, unknown> | undefined;
  if (flags.input) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(flags.input, "utf8"));
    } catch (error) {
      throw usageError(`--input ${flags.input}: ${(error as Error).message.split("\n")[0]}`, "pass a JSON object");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw usageError(`--input ${flags.input} is not a JSON object`);
    }
    body = parsed as Record<string, unknown>;
  }
  for (const pair of flags.field ?? []) {
    const [key, value] = splitPair(pair, "-f");
    body = { ...body, [key]: value };
  }
  for (const pair of flags.typedField ?? []) {
    const [key, value] = splitPair(pair, "-F");
    body = { ...body, [key]: typedValue(value) };
  }
  return body;
}

/** `--query k=v` pairs as an object. */
export function readQuery(pairs: readonly string[] | undefined): Record<string, string> {
  return Object.fromEntries((pairs ?? []).map((pair) => splitPair(pair, "--query")));
}
