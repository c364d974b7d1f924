import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { packageDirectory } from "./helpers.js";

const run = promisify(execFile);

// Starts the built library in a fresh Node process, requests a token, stops, and prints the status.
const probe = (load: string) => `
${load}
const server = await startMockServer();
const response = await fetch(server.url + "/oauth/token", {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ grant_type: "client_credentials", client_id: "test", client_secret: "test" }),
});
await server.stop();
console.log(response.status);
`;

beforeAll(() => {
  if (!existsSync(`${packageDirectory}dist/index.cjs`)) throw new Error("dist/ is missing; run `pnpm build` first");
});

describe("the built package", () => {
  it("ships the spec it serves by default", () => {
    expect(existsSync(`${packageDirectory}spec/engagifii-crm.openapi.yaml`)).toBe(true);
  });

  it.each([
    ["ESM", `const { startMockServer } = await import("@engagifii/crm-mock-server");`],
    ["CJS", `const { startMockServer } = require("@engagifii/crm-mock-server");`],
  ])("starts from the %s entry point", async (_format, load) => {
    const type = load.includes("require") ? "commonjs" : "module";
    // A CJS script cannot use top-level await, so the probe is wrapped in an async function.
    const source = type === "commonjs" ? `(async () => { ${probe(load)} })()` : probe(load);
    const { stdout } = await run(process.execPath, [`--input-type=${type}`, "--eval", source], {
      cwd: packageDirectory,
    });
    expect(stdout.trim()).toBe("200");
  });
});
