import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Scenario, ServerStats } from "./loopback-server.js";
import { benchDir } from "./paths.js";

export interface SpawnedServer {
  url: string;
  stats(): Promise<ServerStats>;
  close(): Promise<void>;
}

/**
 * Runs a loopback server in its own process, so that on a small machine its work lands on the
 * other core and its allocations stay out of this process's heap measurements.
 */
export async function spawnServer(scenario: Scenario): Promise<SpawnedServer> {
  const child = fork(fileURLToPath(new URL("./server-main.ts", import.meta.url)), [], {
    cwd: benchDir,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const { port } = await request<{ port: number }>(child, { type: "start", scenario }, "listening");
    return {
      url: `http://127.0.0.1:${port}`,
      stats: async () => (await request<{ stats: ServerStats }>(child, { type: "stats" }, "stats")).stats,
      close: async () => {
        if (child.connected) await request(child, { type: "close" }, "closed");
        await exited;
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}

function request<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (received: { type: string; message?: string }) => {
      if (received.type !== reply && received.type !== "error") return;
      cleanup();
      if (received.type === "error") reject(new Error(`loopback server: ${received.message}`));
      else resolve(received as T);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`loopback server exited with code ${code} before answering ${reply}`));
    };
    const cleanup = () => {
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
    child.send(message);
  });
}
