/**
 * Where a secret could leak from the client, and a search of all of it. Shared by
 * secret-hygiene.test.ts and regressions.test.ts.
 */
import { inspect } from "node:util";
import type { CrmClientOptions, Logger } from "../../src/index.js";
import type { TransportClient } from "../fixtures/transport-client.js";
import type { FaultServer } from "./fault-server.js";
import { clientFor } from "./harness.js";

export interface Exposure {
  /** Every log line the client wrote, at debug level. */
  logs: string[];
  /** Every hook call, as `name: payload`. */
  hooks: { name: string; payload: unknown }[];
  /** Every error a call threw. */
  errors: unknown[];
}

/** A client at debug level whose logs, hook payloads and errors are all kept. */
export function exposedClient(
  api: FaultServer,
  overrides: Partial<CrmClientOptions> = {},
  auth: FaultServer = api,
): { crm: TransportClient; exposure: Exposure; attempt(call: () => Promise<unknown>): Promise<void> } {
  const exposure: Exposure = { logs: [], hooks: [], errors: [] };
  const line = (message: string) => {
    exposure.logs.push(message);
  };
  const logger: Logger = { error: line, warn: line, info: line, debug: line };
  const crm = clientFor(
    api,
    {
      logLevel: "debug",
      logger,
      hooks: {
        onRetry: (payload) => exposure.hooks.push({ name: "onRetry", payload }),
        onRateLimit: (payload) => exposure.hooks.push({ name: "onRateLimit", payload }),
        onTokenRefresh: (payload) => exposure.hooks.push({ name: "onTokenRefresh", payload }),
      },
      ...overrides,
    },
    auth,
  );
  return {
    crm,
    exposure,
    async attempt(call) {
      try {
        await call();
      } catch (error) {
        exposure.errors.push(error);
      }
    },
  };
}

/** The secret itself, every token, and each token as it goes in a header. */
export function secretsOf(clientSecret: string | undefined, tokens: string[]): string[] {
  return [...(clientSecret ? [clientSecret] : []), ...tokens, ...tokens.map((token) => `Bearer ${token}`)];
}

/** Every rendering of an error a user or a log pipeline might produce, its causes included. */
export function renderError(error: unknown, depth = 0): { where: string; text: string }[] {
  if (depth > 6 || error === undefined || error === null) return [];
  const prefix = depth === 0 ? "error" : `error${".cause".repeat(depth)}`;
  const renderings: { where: string; text: string }[] = [
    { where: `${prefix} String()`, text: String(error) },
    { where: `${prefix} util.inspect`, text: inspect(error, { depth: 10 }) },
    // What a logger that walks the object (not its custom inspect) would print.
    {
      where: `${prefix} util.inspect without customInspect`,
      text: inspect(error, { depth: 10, customInspect: false }),
    },
    { where: `${prefix} JSON.stringify`, text: safeStringify(error) },
  ];
  if (error instanceof Error) {
    renderings.push(
      { where: `${prefix}.message`, text: error.message },
      { where: `${prefix}.stack`, text: error.stack ?? "" },
    );
    renderings.push(...renderError(error.cause, depth + 1));
    if (error instanceof AggregateError) {
      for (const inner of error.errors) renderings.push(...renderError(inner, depth + 1));
    }
  }
  return renderings;
}

/** Where each secret shows up; empty when none does. */
export function leaks(exposure: Exposure, secrets: string[]): string[] {
  const places: { where: string; text: string }[] = [
    ...exposure.logs.map((text, index) => ({ where: `log line ${index}`, text })),
    ...exposure.hooks.flatMap(({ name, payload }) => [
      { where: `${name} payload`, text: safeStringify(payload) },
      { where: `${name} payload (inspect)`, text: inspect(payload, { depth: 10 }) },
    ]),
    ...exposure.errors.flatMap((error) => renderError(error)),
  ];
  const found: string[] = [];
  for (const secret of secrets) {
    for (const place of places) {
      if (place.text.includes(secret)) found.push(`${mask(secret)} in ${place.where}`);
    }
  }
  return [...new Set(found)];
}

/** Enough of a secret to tell which one leaked, not enough to use it. */
function mask(secret: string): string {
  return `${secret.slice(0, 10)}…`;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch (error) {
    return `[unserialisable: ${(error as Error).message}]`;
  }
}
