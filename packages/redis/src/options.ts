/** Options of `createRedisStores`. */
export interface RedisStoresOptions {
  /** Starts every key, e.g. `"engagifii"` or `"myapp:crm"`; no `{` or `}`. Required. */
  prefix: string;
  /** Where the one warning per Redis outage goes (and, if it has `info`, the recovery). Default: `console`. */
  logger?: { warn(message: string): void; info?(message: string): void } | undefined;
  /** When Redis does not answer: `"local"` uses per-process stores, `"fail"` fails the request. Default: `"local"`. */
  onRedisDown?: "local" | "fail" | undefined;
  /** How many processes share the budget: each takes `requests / expectedWorkers` while Redis is down. Default: 4. */
  expectedWorkers?: number | undefined;
  /** How long one Redis command may take before Redis counts as down. Default: 1000 ms. */
  commandTimeoutMs?: number | undefined;
  /** During an outage, how often a background PING asks Redis again. Default: 5000 ms. */
  retryRedisAfterMs?: number | undefined;
  /** How long one process may hold the token-fetch lock; a crashed holder frees it after this. Default: 15000 ms. */
  tokenLockMs?: number | undefined;
  /** How long a slot whose response never came (its process died) counts beyond the interval. Default: 60000 ms. */
  inFlightMs?: number | undefined;
}

export const defaults = {
  onRedisDown: "local",
  expectedWorkers: 4,
  commandTimeoutMs: 1_000,
  retryRedisAfterMs: 5_000,
  tokenLockMs: 15_000,
  inFlightMs: 60_000,
} as const satisfies Partial<RedisStoresOptions>;

type Resolved = Required<{ [K in keyof RedisStoresOptions]: Exclude<RedisStoresOptions[K], undefined> }>;

const positiveIntegers = [
  "expectedWorkers",
  "commandTimeoutMs",
  "retryRedisAfterMs",
  "tokenLockMs",
  "inFlightMs",
] as const;

/** The options with their defaults; throws one error naming the first bad option. */
export function resolveOptions(options: RedisStoresOptions): Resolved {
  const fail = (message: string): never => {
    throw new TypeError(`createRedisStores: ${message}`);
  };
  if (typeof options?.prefix !== "string" || options.prefix === "" || /[{}]/.test(options.prefix))
    fail(`prefix must be a non-empty string without { or }, got ${JSON.stringify(options?.prefix)}`);
  const resolved: Resolved = {
    ...defaults,
    logger: console,
    ...(Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as RedisStoresOptions),
  } as Resolved;
  for (const name of positiveIntegers) {
    const value = resolved[name];
    if (!Number.isInteger(value) || value <= 0) fail(`${name} must be a positive integer, got ${String(value)}`);
  }
  if (resolved.onRedisDown !== "local" && resolved.onRedisDown !== "fail")
    fail(`onRedisDown must be "local" or "fail", got ${JSON.stringify(resolved.onRedisDown)}`);
  if (typeof resolved.logger?.warn !== "function") fail("logger must have a warn(message) method");
  return resolved;
}
