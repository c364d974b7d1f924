// Runs `npm run demo` end to end, as a user would: a child process with a clean environment.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { steps } from "../src/demo/steps.js";

const examplesDirectory = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runDemo(variables: Record<string, string> = {}, args: string[] = []): Promise<Run> {
  // No ENGAGIFII_* from the machine running the tests, and no colour settings either way.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith("ENGAGIFII_") && key !== "FORCE_COLOR" && key !== "NO_COLOR",
    ),
  );
  return new Promise((resolve) => {
    execFile(
      tsx,
      ["src/demo/main.ts", ...args],
      { cwd: examplesDirectory, env: { ...env, ...variables }, timeout: 50_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}

// One run of the sandbox demo serves both of its tests; the tests run concurrently (each is a child process).
let mockRun: Promise<Run> | undefined;
const runAgainstMock = () => {
  mockRun ??= runDemo();
  return mockRun;
};

describe.concurrent("npm run demo against the embedded sandbox", () => {
  it("runs every step and exits 0", async () => {
    const run = await runAgainstMock();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^mode: sandbox .* at http:\/\/127\.0\.0\.1:\d+$/m);
    expect(run.stdout).toContain("keeps what this run creates");
    expect(run.stdout).not.toContain("nothing is stored");
    steps.forEach((step, index) => {
      expect(run.stdout).toContain(`[${index + 1}/${steps.length}] ${step.title}`);
    });
    expect(run.stdout).not.toContain("skipped");
    expect(run.stdout).toMatch(new RegExp(`^demo finished: ${steps.length} steps, \\d+ requests in [\\d.]+ s$`, "m"));
  });

  it("shows what was sent and what came back, without colour codes or secrets in a log", async () => {
    const run = await runAgainstMock();
    expect(run.stdout).toContain("token_type=Bearer expires_in=3600");
    // The hierarchy step's tree starts with the branch it built.
    expect(run.stdout).toMatch(
      /organizations\.tree\(\), the branch built above first:\n {4}Acme Corporation \[Company\] \([0-9a-f-]{36}\)\n {4}└─ Engineering Department \[Department\]/,
    );
    // The sandbox keeps the created person: the update goes to the id the create returned, and the final bulk
    // fetch counts the people the second step counted plus this one. Paths and statuses are the document's
    // (`POST /api/v1/people` → 201 in our guide, `POST /api/Person` → 200 in a Swashbuckle one).
    const created = /→ POST \/\S+ \{"firstName":"Jane".*\n {2}← 2\d\d \d+ ms {2}Jane Smith \(([0-9a-f-]{36})\)/;
    const createdId = created.exec(run.stdout)?.[1];
    expect(createdId).toBeDefined();
    expect(run.stdout).toMatch(new RegExp(`→ PUT \\S*/${createdId} `));
    const counted = Number(/^ {2}people\.iterate\(\)\.total\(\): (\d+) people$/m.exec(run.stdout)?.[1]);
    expect(counted).toBeGreaterThan(0);
    expect(run.stdout).toMatch(new RegExp(`^ {2}fetched ${counted + 1}/${counted + 1} people · \\d+ pages?$`, "m"));
    expect(run.stdout).not.toContain("\u001b[");
    expect(run.stdout).not.toContain("\r");
    // No token (the sandbox's are JWTs), and not the secret the demo sends to the sandbox.
    expect(run.stdout).not.toContain("eyJhbGci");
    expect(run.stdout).not.toContain("demo-secret");
  });
});

describe.concurrent("npm run demo against an unreachable API", () => {
  it("exits non-zero with one demo: line on stderr, and never prints the secret", async () => {
    const secret = "fake-secret-do-not-print";
    const run = await runDemo({
      ENGAGIFII_BASE_URL: "http://127.0.0.1:9",
      ENGAGIFII_CLIENT_ID: "fake-client",
      ENGAGIFII_CLIENT_SECRET: secret,
      ENGAGIFII_TENANT_CODE: "acme",
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("mode: live, read-only: http://127.0.0.1:9, tenant acme");
    // One line: the step, the error class and the client's message (its wording is the client's business).
    expect(run.stderr).toMatch(/^demo: token: ConnectionError: [^\n]+\n$/);
    expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it("refuses half a set of credentials instead of falling back to the mock", async () => {
    const run = await runDemo({ ENGAGIFII_CLIENT_ID: "fake-client" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^demo: config: Error: ENGAGIFII_CLIENT_SECRET and ENGAGIFII_TENANT_CODE not set[^\n]*\n$/,
    );
  });
});
