import { type LoopbackServer, type Scenario, startLoopbackServer } from "./loopback-server.js";

/** Child-process entry for spawn-server.ts: serves one scenario, answers stats requests over IPC. */
type Message = { type: "start"; scenario: Scenario } | { type: "stats" } | { type: "close" };

let server: LoopbackServer | undefined;

process.on("message", (message: Message) => {
  void handle(message).catch((error: unknown) => {
    process.send?.({ type: "error", message: error instanceof Error ? error.message : String(error) });
  });
});
// The parent owns this process: when it goes, so do we.
process.on("disconnect", () => process.exit(0));

async function handle(message: Message): Promise<void> {
  if (message.type === "start") {
    server = await startLoopbackServer(message.scenario);
    process.send?.({ type: "listening", port: server.port });
  } else if (message.type === "stats") {
    process.send?.({ type: "stats", stats: server?.stats() });
  } else {
    await server?.close();
    process.send?.({ type: "closed" });
    process.disconnect();
  }
}
