import { ConfigurationError } from "./errors.js";
import { isRecord } from "./is-record.js";

export const environmentVariables = {
  baseUrl: "ENGAGIFII_BASE_URL",
  clientId: "ENGAGIFII_CLIENT_ID",
  clientSecret: "ENGAGIFII_CLIENT_SECRET",
  tenantCode: "ENGAGIFII_TENANT_CODE",
  tokenUrl: "ENGAGIFII_TOKEN_URL",
  scope: "ENGAGIFII_SCOPE",
  logLevel: "ENGAGIFII_LOG",
} as const;

/** Validates a whole-number option; also used for per-request overrides. */
export function integerOption(option: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    fail(
      option,
      `must be a whole number from ${min} to ${max}, got ${typeof value === "number" ? value : typeName(value)}`,
    );
  return value;
}

export function parseUrl(option: "baseUrl" | "tokenUrl", value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(option, `must be an absolute URL, got "${value}"`);
  }
  const { protocol, host } = url;
  if (protocol !== "https:" && !(protocol === "http:" && isLoopback(url.hostname)))
    fail(option, `must use https (plain http only to loopback hosts), got "${protocol}//${host}"`);
  if (url.username || url.password || url.search || url.hash)
    fail(option, "must not contain credentials, a query or a fragment");
  return url.href;
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Throws a ConfigurationError naming the option and, when it has one, its environment variable. */
export function fail(option: string, problem: string): never {
  throw new ConfigurationError(option, (environmentVariables as Record<string, string>)[option], problem);
}

/** Fails with "must be <expected>, got <type>" unless `ok`. Only the type is shown: the value may be a secret. */
export function check(ok: boolean, option: string, expected: string, value: unknown): asserts ok {
  if (!ok) fail(option, `must be ${expected}, got ${typeName(value)}`);
}

export function typeName(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

export function readProcessEnv(): Record<string, string | undefined> {
  const processLike = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return processLike?.env ?? {};
}

export function isBrowser(): boolean {
  const scope = globalThis as { window?: unknown; document?: unknown };
  return typeof scope.window !== "undefined" && typeof scope.document !== "undefined";
}

/** An optional object that must have these methods. */
export function checkMethods<T>(option: string, value: T | undefined, methods: string[]): T | undefined {
  if (value === undefined) return undefined;
  check(isRecord(value), option, `an object with ${methods.join(", ")}`, value);
  const missing = methods.filter((method) => typeof (value as Record<string, unknown>)[method] !== "function");
  if (missing.length > 0) fail(option, `must have the methods ${methods.join(", ")}; missing ${missing.join(", ")}`);
  return value;
}
