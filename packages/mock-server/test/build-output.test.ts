// The built package as an installed one runs: it ships the document of specs/ and serves it by
// default. Which document that is changes with a spec swap, so the token URL probed is the one the
// generated metadata reads from specs/, never a path of our guide.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { packageDirectory, repositorySpec, repositoryTokenPath } from "./helpers.js";

const run = promisify(execFile);

// Starts the built library in a fresh Node process, requests a token where it says its token
// endpoint is, stops, and prints that URL's path and the status.
const probe = (load: string) => `
${load}
const server = await startMockServer();
const response = await fetch(server.tokenUrl, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ grant_type: "client_credentials", client_id: "test", client_secret: "test" }),
});
await server.stop();
console.log(new URL(server.tokenUrl).pathname, response.status);
`;

beforeAll(() => {
  if (!existsSync(`${packageDirectory}dist/index.cjs`)) throw new Error("dist/ is missing; run `pnpm build` first");
});

describe("the built package", () => {
  it("ships the document of specs/ as the spec it serves by default", async () => {
    const shipped = await readFile(`${packageDirectory}spec/engagifii-crm.openapi.yaml`, "utf8");
    expect(shipped === (await readFile(repositorySpec, "utf8")), "spec/ differs from specs/; run `pnpm build`").toBe(
      true,
    );
  });

  it.each([
    ["ESM", `const { startMockServer } = await import("@engagifii/crm-mock-server");`],
    ["CJS", `const { startMockServer } = require("@engagifii/crm-mock-server");`],
  ])("starts from the %s entry point and issues a token at the document's token URL", async (_format, load) => {
    const type = load.includes("require") ? "commonjs" : "module";
    // A CJS script cannot use top-level await, so the probe is wrapped in an async function.
    const source = type === "commonjs" ? `(async () => { ${probe(load)} })()` : probe(load);
    const { stdout } = await run(process.execPath, [`--input-type=${type}`, "--eval", source], {
      cwd: packageDirectory,
    });
    expect(stdout.trim()).toBe(`${repositoryTokenPath} 200`);
  });
});
