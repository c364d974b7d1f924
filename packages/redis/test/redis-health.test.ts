import { describe, expect, it } from "vitest";
import { createRedisHealth, RedisFault, RedisUnavailableError } from "../src/redis-health.js";

// No Redis here: the commands are functions the test controls, and the clock is simulated.
function setUp(onRedisDown: "local" | "fail" = "local") {
  let time = 0;
  const log = { warnings: [] as string[], infos: [] as string[] };
  const probes = { count: 0, answer: false };
  const health = createRedisHealth({
    onRedisDown,
    retryAfterMs: 1_000,
    probe: async () => {
      probes.count++;
      if (!probes.answer) throw new Error("still down");
    },
    logger: { warn: (message) => log.warnings.push(message), info: (message) => log.infos.push(message) },
    fallback: "the local stores",
    now: () => time,
  });
  const advance = (ms: number) => {
    time += ms;
  };
  return { health, log, probes, advance };
}

const down = async (): Promise<string> => {
  throw new RedisFault("connect ECONNREFUSED");
};
const local = async () => "local";
const redis = async () => "redis";
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("Redis health", () => {
  it("warns once per outage, naming the cause and the fallback, and serves the fallback without asking Redis", async () => {
    const { health, log } = setUp();
    expect(await health.run(down, local)).toBe("local");
    let asked = 0;
    const counted = async () => {
      asked++;
      return "redis";
    };
    expect(await health.run(counted, local)).toBe("local");
    expect(asked).toBe(0);
    expect(log.warnings).toEqual([
      "[engagifii-crm-redis] Redis is unreachable (connect ECONNREFUSED): the local stores; asking Redis again every 1000 ms",
    ]);
  });

  it("probes Redis in the background at most every retryAfterMs, and uses it again once it answers", async () => {
    const { health, log, probes, advance } = setUp();
    await health.run(down, local);
    await health.run(redis, local);
    expect(probes.count).toBe(0);
    advance(1_000);
    await health.run(redis, local);
    await health.run(redis, local);
    await settle();
    expect(probes.count).toBe(1);
    probes.answer = true;
    advance(1_000);
    expect(await health.run(redis, local)).toBe("local");
    await settle();
    expect(await health.run(redis, local)).toBe("redis");
    expect(log.infos).toHaveLength(1);
    expect(log.warnings).toHaveLength(1);
  });

  it('fails closed with onRedisDown: "fail", except for what expires by itself', async () => {
    const { health } = setUp("fail");
    await expect(health.run(down, local)).rejects.toThrow(RedisUnavailableError);
    await expect(health.run(redis, local)).rejects.toThrow(
      'Redis is unreachable (connect ECONNREFUSED) and onRedisDown is "fail"',
    );
    await expect(health.attempt(async () => undefined)).resolves.toBeUndefined();
  });

  it("passes on errors that are not Redis's (a failed token request) unchanged, and stays on Redis", async () => {
    const { health, log } = setUp();
    const tokenError = new Error("token endpoint answered 500");
    await expect(health.run(() => Promise.reject(tokenError), local)).rejects.toBe(tokenError);
    expect(await health.run(redis, local)).toBe("redis");
    expect(log.warnings).toEqual([]);
  });
});
