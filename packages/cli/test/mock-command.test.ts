import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { finished, runBinary, startBinary } from "./run-binary.js";

const home = await mkdtemp(join(tmpdir(), "engagifii-mock-"));
afterAll(() => rm(home, { recursive: true, force: true }));

describe("engagifii mock", () => {
  it("keeps one sandbox's records across commands until Ctrl-C, then exits 0", async () => {
    const sandbox = startBinary(["mock", "--port", "0"], { env: { PATH: process.env.PATH ?? "", HOME: home } });
    const done = finished(sandbox);
    try {
      const exportLine = await new Promise<string>((resolve, reject) => {
        let text = "";
        sandbox.stdout?.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          const line = text.split("\n").find((candidate) => candidate.trim().startsWith("export "));
          if (line) resolve(line);
        });
        sandbox.on("close", () => reject(new Error(`the sandbox ended early: ${text}`)));
      });
      // The printed settings are all another command needs.
      const settings = Object.fromEntries(
        exportLine
          .trim()
          .slice("export ".length)
          .split(" ")
          .map((pair) => pair.split("=", 2) as [string, string]),
      );
      const env = { PATH: process.env.PATH ?? "", HOME: home, ...settings };
      const created = await runBinary(
        ["people", "create", "-f", "firstName=Kept", "-f", "lastName=Record", "-f", "email=kept@example.com", "--json"],
        { env },
      );
      expect(created.code).toBe(0);
      const { id } = JSON.parse(created.stdout) as { id: string };
      const fetched = await runBinary(["people", "get", id, "--json"], { env });
      expect(fetched.code).toBe(0);
      expect(JSON.parse(fetched.stdout)).toMatchObject({ id, email: "kept@example.com" });

      sandbox.kill("SIGINT");
      const result = await done;
      expect(result.code).toBe(0);
      expect(result.stderr).toContain("sandbox stopped");
    } finally {
      // A failed expectation must not leave the sandbox running.
      if (sandbox.exitCode === null && sandbox.signalCode === null) sandbox.kill("SIGKILL");
    }
  });
});
