/**
 * Every option of CrmClientOptions given a wrong type, left empty, or given a malformed or unsafe
 * value. Each must make createCrmClient throw a ConfigurationError naming the option. The mapped
 * type below makes a new option a compile error here until it has its cases.
 */
import type { CrmClientOptions } from "../../src/index.js";

export interface BadValue {
  value: unknown;
  problem: string;
  /** The option the error must name, when not the key itself (e.g. `rateLimit.requests`). */
  option?: string;
  /** Options set alongside the bad one. */
  with?: Partial<CrmClientOptions>;
}

export const validOptions: CrmClientOptions = {
  baseUrl: "https://crm.example.test",
  clientId: "client-id",
  clientSecret: "client-secret-value",
  tenantCode: "acme",
  env: {},
};

const wrongType = (value: unknown, what = typeName(value)): BadValue => ({ value, problem: `wrong type (${what})` });
const empty = (value: unknown = ""): BadValue => ({ value, problem: `empty (${JSON.stringify(value)})` });

function urlCases(): BadValue[] {
  return [
    wrongType(42),
    wrongType(null),
    wrongType(new URL("https://crm.example.test"), "a URL object"),
    empty(),
    { value: "not a url", problem: "malformed URL" },
    { value: "//crm.example.test", problem: "relative URL" },
    { value: "http://crm.example.com", problem: "plain http to a non-loopback host" },
    { value: "http://10.0.0.1", problem: "plain http to a private address" },
    { value: "http://127.0.0.1.nip.io", problem: "plain http to a host that only starts like loopback" },
    { value: "http://localhost.example.com", problem: "plain http to a host that only starts with localhost" },
    { value: "ftp://crm.example.test", problem: "not http(s)" },
    { value: "https://user:password@crm.example.test", problem: "credentials in the URL" },
    { value: "https://crm.example.test/?tenant=acme", problem: "a query string" },
    { value: "https://crm.example.test/#top", problem: "a fragment" },
  ];
}

export const badValues: { [Option in keyof Required<CrmClientOptions>]: BadValue[] } = {
  baseUrl: urlCases(),
  tokenUrl: [
    ...urlCases(),
    { ...wrongType(42), problem: "wrong type (number), with accessToken", with: { accessToken: "caller-token-value" } },
  ],
  clientId: [wrongType(42), wrongType(null), wrongType(["client-id"], "an array"), empty()],
  clientSecret: [wrongType(42), wrongType(null), wrongType({ secret: "x" }, "an object"), empty()],
  tenantCode: [
    wrongType(42),
    wrongType(null),
    empty(),
    empty("   "),
    { value: "acme\r\nx-admin: true", problem: "CR/LF (header injection)" },
    { value: "acme\n", problem: "a trailing LF" },
    { value: "ac\u0000me", problem: "a NUL byte" },
    { value: "acmé", problem: "a non-ASCII character" },
    { value: " acme", problem: "a leading space" },
  ],
  scope: [
    wrongType(42),
    wrongType(["api:read"], "an array"),
    { ...wrongType(42), problem: "wrong type (number), with accessToken", with: { accessToken: "caller-token-value" } },
  ],
  accessToken: [
    wrongType(42),
    wrongType({ token: "x" }, "an object"),
    empty(),
    empty("   "),
    { value: "token\r\nx-admin: true", problem: "CR/LF (header injection)" },
    wrongType(null),
  ],
  maxRetries: [
    wrongType("2"),
    wrongType(null),
    { value: -1, problem: "negative" },
    { value: 1.5, problem: "not a whole number" },
    { value: Number.NaN, problem: "NaN" },
    { value: Number.POSITIVE_INFINITY, problem: "Infinity" },
    { value: 11, problem: "above the maximum of 10" },
  ],
  timeoutMs: [
    wrongType("1000"),
    wrongType(null),
    { value: 0, problem: "zero" },
    { value: -5, problem: "negative" },
    { value: 1.5, problem: "not a whole number" },
    { value: Number.NaN, problem: "NaN" },
    { value: 600_001, problem: "above the maximum" },
  ],
  maxResponseBytes: [
    wrongType("10MB", "a string"),
    wrongType(null),
    { value: 0, problem: "zero" },
    { value: 1.5, problem: "not a whole number" },
    { value: Number.POSITIVE_INFINITY, problem: "Infinity" },
  ],
  rateLimit: [
    wrongType(true),
    wrongType(null),
    wrongType("1000/60s"),
    wrongType([], "an array"),
    { value: { requests: 0 }, problem: "requests: 0", option: "rateLimit.requests" },
    { value: { requests: "5" }, problem: "requests of the wrong type", option: "rateLimit.requests" },
    { value: { requests: 1.5 }, problem: "requests not a whole number", option: "rateLimit.requests" },
    { value: { intervalMs: -1 }, problem: "negative intervalMs", option: "rateLimit.intervalMs" },
    { value: { intervalMs: "60s" }, problem: "intervalMs of the wrong type", option: "rateLimit.intervalMs" },
  ],
  logger: [
    wrongType("console"),
    wrongType({}, "an object without methods"),
    wrongType({ error() {}, warn() {}, info() {} }, "an object without debug"),
    wrongType(null),
  ],
  logLevel: [
    wrongType(3),
    wrongType(null),
    empty(),
    { value: "verbose", problem: "not a level" },
    { value: "DEBUG", problem: "the wrong case" },
  ],
  fetch: [wrongType("fetch"), wrongType({}, "an object"), wrongType(null)],
  hooks: [
    wrongType("hooks"),
    { value: { onRetry: "log" }, problem: "a hook that is not a function", option: "hooks.onRetry" },
    { value: { onTokenRefresh: 1 }, problem: "a hook that is not a function", option: "hooks.onTokenRefresh" },
    wrongType(null),
    wrongType([], "an array"),
  ],
  dangerouslyAllowBrowser: [wrongType("yes"), wrongType(1), wrongType(null)],
  env: [
    wrongType("ENGAGIFII_TENANT_CODE=acme", "a string"),
    wrongType(42),
    wrongType(null),
    wrongType(["ENGAGIFII_TENANT_CODE=acme"], "an array"),
    {
      value: { ENGAGIFII_BASE_URL: "http://crm.example.com" },
      problem: "a plain-http URL in a variable",
      option: "baseUrl",
    },
    { value: { ENGAGIFII_TOKEN_URL: "not a url" }, problem: "a malformed URL in a variable", option: "tokenUrl" },
    { value: { ENGAGIFII_LOG: "loud" }, problem: "an unknown level in a variable", option: "logLevel" },
  ],
  tokenStore: [
    wrongType("redis://localhost", "a string"),
    wrongType(null),
    { value: { get: async () => undefined }, problem: "missing fetchOnce and invalidate" },
  ],
  rateLimitStore: [
    wrongType(42),
    wrongType(null),
    { value: { acquire: async () => ({ granted: false, retryInMs: 1 }) }, problem: "missing release and pauseUntil" },
  ],
  clock: [wrongType(Date.now, "a function"), wrongType(null), { value: { now: () => 0 }, problem: "missing timers" }],
};

export interface OptionCase {
  name: string;
  option: string;
  options: CrmClientOptions;
}

export const optionCases: OptionCase[] = Object.entries(badValues).flatMap(([key, cases]) =>
  (cases as BadValue[]).map((bad) => {
    const options = { ...validOptions, ...bad.with, [key]: bad.value } as CrmClientOptions;
    // A variable only counts when the option it stands for is not set.
    if (key === "env" && isRecord(bad.value) && "ENGAGIFII_BASE_URL" in bad.value) delete options.baseUrl;
    return { name: `${key}: ${bad.problem}`, option: bad.option ?? key, options };
  }),
);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}
