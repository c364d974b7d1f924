import { createHash } from "node:crypto";

/**
 * The one thing the stores need from a Redis client: send a command, get its reply. An ioredis
 * client or cluster (`call`) and a node-redis v4/v5 client (`sendCommand`) are adapted by
 * `toRedisClient`; anything else can implement this directly.
 */
export interface RedisClient {
  /** `["SET", "key", "value", "PX", "1000"]` → the reply: a string, number, array or null. */
  sendCommand(command: string[]): Promise<unknown>;
}

/** The part of an ioredis `Redis` or `Cluster` used here. */
export interface IoRedisLike {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** The part of a node-redis (`redis` v4 or v5) client used here. */
export interface NodeRedisLike {
  sendCommand(command: string[]): Promise<unknown>;
}

export type AnyRedisClient = IoRedisLike | NodeRedisLike;

function isFunctionProperty(value: unknown, name: string): boolean {
  return typeof value === "object" && value !== null && typeof (value as Record<string, unknown>)[name] === "function";
}

interface ErrorEmitter {
  on(event: "error", listener: (error: unknown) => void): unknown;
  listenerCount(event: "error"): number;
}

/**
 * Adapts an ioredis or node-redis client; throws one clear error for anything else. A client that
 * emits "error" with nobody listening would crash the process when Redis goes away (node-redis
 * does): then a listener is added, and the failures reach the stores' fallback instead.
 */
export function toRedisClient(client: AnyRedisClient | RedisClient): RedisClient {
  if (isFunctionProperty(client, "on") && isFunctionProperty(client, "listenerCount")) {
    const emitter = client as unknown as ErrorEmitter;
    if (emitter.listenerCount("error") === 0) emitter.on("error", () => undefined);
  }
  // ioredis first: it has a sendCommand too, which takes its own Command objects.
  if (isFunctionProperty(client, "call")) {
    const ioredis = client as IoRedisLike;
    return { sendCommand: ([command = "", ...args]) => ioredis.call(command, ...args) };
  }
  if (isFunctionProperty(client, "sendCommand")) return client as NodeRedisLike;
  throw new TypeError(
    "createRedisStores: expected an ioredis client (with call()) or a node-redis client (with sendCommand())",
  );
}

/** A Lua script, sent once by EVAL and then by its SHA-1 (EVALSHA). */
export interface LuaScript {
  source: string;
  sha1: string;
}

export function luaScript(source: string): LuaScript {
  return { source, sha1: createHash("sha1").update(source).digest("hex") };
}

/** Runs `script` by EVALSHA, loading it with EVAL when the server does not know it yet (NOSCRIPT). */
export async function runScript(
  redis: RedisClient,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  const rest = [String(keys.length), ...keys, ...args.map(String)];
  try {
    return await redis.sendCommand(["EVALSHA", script.sha1, ...rest]);
  } catch (error) {
    if (!String((error as { message?: unknown })?.message).startsWith("NOSCRIPT")) throw error;
    return redis.sendCommand(["EVAL", script.source, ...rest]);
  }
}
