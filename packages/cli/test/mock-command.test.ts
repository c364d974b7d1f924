import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fieldFlags, scalarBody } from "./document-values.js";
import { document, finished, runBinary, startBinary } from "./run-binary.js";
import { crudResource } from "./shipped-table.js";

// A record of the first resource with create and get, its body from the document's schema.
const resource = crudResource();
const body = scalarBody(document, resource.operations.create!, "kept");

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
      const created = await runBinary([resource.command, "create", ...fieldFlags(body), "--json"], { env });
      expect(created.code, created.stderr).toBe(0);
      const { id } = JSON.parse(created.stdout) as { id: string };
      const fetched = await runBinary([resource.command, "get", id, "--json"], { env });
      expect(fetched.code, fetched.stderr).toBe(0);
      expect(JSON.parse(fetched.stdout)).toMatchObject({ ...body, id });

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
