import type { RedisClient } from "./redis-client.js";

/** Redis did not answer in time or failed; what the stores fall back on. Internal. */
export class RedisFault extends Error {
  override readonly name = "RedisFault";
}

/** Thrown by the stores when Redis is unreachable and `onRedisDown` is `"fail"`. */
export class RedisUnavailableError extends Error {
  override readonly name = "RedisUnavailableError";
}

/** Every command gets `timeoutMs` to answer; any failure becomes a RedisFault. */
export function withCommandTimeout(redis: RedisClient, timeoutMs: number): RedisClient {
  return {
    sendCommand(command) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new RedisFault(`no answer to ${command[0]} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        redis.sendCommand(command).then(
          (reply) => {
            clearTimeout(timer);
            resolve(reply);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(new RedisFault(error instanceof Error ? error.message : String(error), { cause: error }));
          },
        );
      });
    },
  };
}

export interface RedisHealthOptions {
  onRedisDown: "local" | "fail";
  /** How long to stay on the fallback before asking Redis again. */
  retryAfterMs: number;
  logger: { warn(message: string): void; info?(message: string): void };
  /** What the fallback is, for the warning. */
  fallback: string;
  now: () => number;
}

export interface RedisHealth {
  /** `onRedis`, or after a RedisFault (now or recently) `onLocal`; with `onRedisDown: "fail"`, a RedisUnavailableError. */
  run<T>(onRedis: () => Promise<T>, onLocal: () => Promise<T>): Promise<T>;
  /** `onRedis` when Redis answers; otherwise nothing, also with `onRedisDown: "fail"` (for what expires by itself). */
  attempt(onRedis: () => Promise<void>): Promise<void>;
}

/** Tracks whether Redis answers: one warning per outage, and Redis again once it answers. */
export function createRedisHealth(options: RedisHealthOptions): RedisHealth {
  let retryAt = 0;
  let outage: string | undefined;

  const fallBack = <T>(onLocal: () => Promise<T>): Promise<T> =>
    options.onRedisDown === "fail"
      ? Promise.reject(new RedisUnavailableError(`Redis is unreachable (${outage}) and onRedisDown is "fail"`))
      : onLocal();

  const run = async <T>(onRedis: () => Promise<T>, onLocal: () => Promise<T>, mayFailClosed: boolean): Promise<T> => {
    if (outage !== undefined && options.now() < retryAt) return mayFailClosed ? fallBack(onLocal) : onLocal();
    try {
      const result = await onRedis();
      if (outage !== undefined) {
        options.logger.info?.("[engagifii-crm-redis] Redis answers again: the stores are shared again");
        outage = undefined;
      }
      return result;
    } catch (error) {
      if (!(error instanceof RedisFault)) throw error;
      retryAt = options.now() + options.retryAfterMs;
      if (outage === undefined) {
        outage = error.message;
        options.logger.warn(
          `[engagifii-crm-redis] Redis is unreachable (${outage}): ${options.fallback}; asking Redis again every ${options.retryAfterMs} ms`,
        );
      }
      return mayFailClosed ? fallBack(onLocal) : onLocal();
    }
  };

  return {
    run: (onRedis, onLocal) => run(onRedis, onLocal, true),
    attempt: (onRedis) => run(onRedis, async () => undefined, false),
  };
}
