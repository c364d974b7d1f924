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
        // After a stalled event loop, timers run before the replies that arrived meanwhile are read:
        // giving up only after the next I/O phase (setImmediate) keeps a busy process from blaming Redis.
        const timer = setTimeout(
          () => setImmediate(() => reject(new RedisFault(`no answer to ${command[0]} within ${timeoutMs} ms`))),
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
  /** Asks Redis whether it answers again (a PING), in the background while the fallback serves. */
  probe: () => Promise<unknown>;
  logger: { warn(message: string): void; info?(message: string): void };
  /** What the fallback is, for the warning. */
  fallback: string;
  now: () => number;
}

export interface RedisHealth {
  /** `onRedis`, or during an outage `onLocal`; with `onRedisDown: "fail"`, a RedisUnavailableError instead. */
  run<T>(onRedis: () => Promise<T>, onLocal: () => Promise<T>): Promise<T>;
  /** `onRedis` when Redis answers; otherwise nothing, also with `onRedisDown: "fail"` (for what expires by itself). */
  attempt(onRedis: () => Promise<void>): Promise<void>;
}

/**
 * Tracks whether Redis answers. A RedisFault starts an outage: one warning, then the fallback for
 * every call, while a probe asks Redis again every `retryAfterMs` in the background, so that no
 * request waits on a Redis known to be down. When the probe is answered, the outage ends.
 */
export function createRedisHealth(options: RedisHealthOptions): RedisHealth {
  let outage: string | undefined;
  let probeAt = 0;
  let probing = false;

  const probe = (): void => {
    if (probing || options.now() < probeAt) return;
    probing = true;
    options.probe().then(
      () => {
        probing = false;
        if (outage === undefined) return;
        outage = undefined;
        options.logger.info?.("[engagifii-crm-redis] Redis answers again: the stores are shared again");
      },
      () => {
        probing = false;
        probeAt = options.now() + options.retryAfterMs;
      },
    );
  };

  const startOutage = (fault: RedisFault): void => {
    probeAt = options.now() + options.retryAfterMs;
    if (outage !== undefined) return;
    outage = fault.message;
    options.logger.warn(
      `[engagifii-crm-redis] Redis is unreachable (${outage}): ${options.fallback}; asking Redis again every ${options.retryAfterMs} ms`,
    );
  };

  const run = async <T>(onRedis: () => Promise<T>, onLocal: () => Promise<T>, mayFailClosed: boolean): Promise<T> => {
    const fallBack = (): Promise<T> =>
      mayFailClosed && options.onRedisDown === "fail"
        ? Promise.reject(new RedisUnavailableError(`Redis is unreachable (${outage}) and onRedisDown is "fail"`))
        : onLocal();
    if (outage !== undefined) {
      probe();
      return fallBack();
    }
    try {
      return await onRedis();
    } catch (error) {
      if (!(error instanceof RedisFault)) throw error;
      startOutage(error);
      return fallBack();
    }
  };

  return {
    run: (onRedis, onLocal) => run(onRedis, onLocal, true),
    attempt: (onRedis) => run(onRedis, async () => undefined, false),
  };
}
