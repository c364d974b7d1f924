import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { firstLine, SpecPullError } from "./spec-pull-error.js";

export interface LoadedSource {
  /** The document's raw text (JSON or YAML). */
  text: string;
  /** Where it came from, safe to print: an absolute path, or the URL without credentials. */
  label: string;
}

export interface LoadSourceOptions {
  /** Directory that relative file paths are resolved against. */
  cwd: string;
  /** Abort an HTTP request after this many milliseconds. */
  timeoutMs: number;
}

/** Reads the source document from an http(s) URL, a file: URL or a file path. */
export async function loadSource(from: string, options: LoadSourceOptions): Promise<LoadedSource> {
  if (/^https?:\/\//i.test(from)) return fetchSource(new URL(from), options.timeoutMs);
  if (/^file:\/\//i.test(from)) return readSource(fileURLToPath(from));
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(from)) {
    throw new SpecPullError(`unsupported source ${from}: use an http(s) URL or a file path`);
  }
  return readSource(isAbsolute(from) ? from : resolve(options.cwd, from));
}

async function readSource(path: string): Promise<LoadedSource> {
  try {
    return { text: stripBom(await readFile(path, "utf8")), label: path };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : firstLine(error);
    throw new SpecPullError(`cannot read ${path}: ${reason}`);
  }
}

async function fetchSource(url: URL, timeoutMs: number): Promise<LoadedSource> {
  const label = redactCredentials(url);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: "application/json, application/yaml;q=0.9, */*;q=0.5" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new SpecPullError(`cannot fetch ${label}: ${describeFetchError(error, timeoutMs)}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SpecPullError(`GET ${label} returned HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  try {
    return { text: stripBom(await response.text()), label };
  } catch (error) {
    throw new SpecPullError(`cannot read the response from ${label}: ${describeFetchError(error, timeoutMs)}`);
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === "TimeoutError") return `no response within ${timeoutMs / 1000} s`;
  // undici reports network failures as `TypeError: fetch failed` with the real reason in `cause`.
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    const message = firstLine(cause);
    return code && !message.includes(code) ? `${message} (${code})` : message;
  }
  return firstLine(error);
}

/** Keeps user:password out of messages and logs; the rest of the URL is what the user typed. */
function redactCredentials(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url.href);
  copy.username = "***";
  copy.password = "";
  return copy.href;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
