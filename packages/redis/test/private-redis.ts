import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** The redis-server binary on PATH, or undefined (the fault tests are then skipped, with this reason). */
export function findRedisServer(): string | undefined {
  try {
    return execFileSync("which", ["redis-server"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** A redis-server of our own, without persistence, that a test may stop and start again on the same port. */
export class PrivateRedis {
  #process: ChildProcess | undefined;

  private constructor(
    readonly binary: string,
    readonly port: number,
  ) {}

  static async start(binary: string): Promise<PrivateRedis> {
    const redis = new PrivateRedis(binary, await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
    const child = spawn(this.binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    this.#process = child;
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    for (let waited = 0; !output.includes("Ready to accept connections"); waited += 20) {
      if (child.exitCode !== null || waited > 5_000) throw new Error(`redis-server did not start: ${output}`);
      await sleep(20);
    }
  }

  /** Kills the server at once, as a crash would. */
  async stop(): Promise<void> {
    const child = this.#process;
    this.#process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  }
}
