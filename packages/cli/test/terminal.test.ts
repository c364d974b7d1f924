// The export on a real terminal (tmux): the cli-progress bar draws, and Ctrl-C leaves a checkpoint
// that --resume continues from. Skipped, with the reason printed, where tmux is not installed. It
// exports the first resource the shipped binary exports, on the document in use.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listRecords } from "./document-values.js";
import { type FakeCrmServer, startFakeCrmServer } from "./fake-crm-server.js";
import { binaryPath, document, fakeEnvironment, runBinary } from "./run-binary.js";
import { exportableResource } from "./shipped-table.js";

const tmux = spawnSync("tmux", ["-V"]).status === 0;
if (!tmux) process.stdout.write("terminal.test.ts skipped: tmux is not installed (apt-get install -y tmux)\n");

const session = `engagifii-cli-test-${process.pid}`;
const resource = exportableResource();
const records = listRecords(document, resource.every!, 2_000);
let server: FakeCrmServer;
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "engagifii-terminal-"));
  // Slow pages, so the bar is seen mid-way and Ctrl-C lands between two pages.
  server = await startFakeCrmServer(document, { seed: { [resource.every!.path]: records }, listDelayMs: 100 });
});
afterAll(async () => {
  if (tmux) spawnSync("tmux", ["kill-session", "-t", session]);
  await server?.stop();
  await rm(directory, { recursive: true, force: true });
});

const screen = (name = session) => execFileSync("tmux", ["capture-pane", "-p", "-t", name], { encoding: "utf8" });

async function waitForScreen(test: (text: string) => boolean, what: string, name = session): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const text = screen(name);
    if (test(text)) return text;
    await delay(100);
  }
  throw new Error(`the terminal never showed ${what}; it shows:\n${screen(name)}`);
}

/** Runs a command in a new tmux session `name`; `EXIT=<code>` shows how it ended. */
function startInTerminal(name: string, command: string[]): void {
  const quoted = command.map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(" ");
  execFileSync("tmux", ["new-session", "-d", "-s", name, "-x", "120", "-y", "10", `${quoted}; echo EXIT=$?; sleep 60`]);
}

it.skipIf(!tmux)(
  "draws a progress bar, and Ctrl-C leaves a checkpoint that --resume continues",
  async () => {
    const out = join(directory, `${resource.command}.csv`);
    const { NO_COLOR: _plain, ...env } = fakeEnvironment(server.url, directory);
    const variables = Object.entries(env).map(([name, value]) => `${name}=${value}`);
    const command = [
      "env",
      ...variables,
      process.execPath,
      binaryPath,
      "export",
      resource.command,
      "--out",
      out,
      "--page-size",
      "50",
      "--concurrency",
      "1",
    ];
    startInTerminal(session, command);

    const drawn = await waitForScreen(
      (text) => new RegExp(`export ${resource.command} \\[[█░]+\\] \\d+% \\| \\d+/2000`).test(text),
      "a progress bar",
    );
    expect(drawn).toMatch(/\[█+░+\]/);
    execFileSync("tmux", ["send-keys", "-t", session, "C-c"]);
    const stopped = await waitForScreen((text) => text.includes("EXIT="), "the exit code");
    expect(stopped).toContain("EXIT=130");
    expect(stopped).toContain("hint: run the same command with --resume to continue");

    const checkpoint = JSON.parse(await readFile(`${out}.checkpoint.json`, "utf8")) as {
      nextPage: number;
      items: number;
    };
    expect(checkpoint.nextPage).toBeGreaterThan(0);
    expect(checkpoint.items).toBeLessThan(2_000);
    const resumed = await runBinary(["export", resource.command, "--out", out, "--page-size", "50", "--resume"], {
      env: fakeEnvironment(server.url, directory),
    });
    expect(resumed.code, resumed.stderr).toBe(0);
    const rows = parse(await readFile(out, "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.id)).toEqual(records.map((record) => String(record.id)));
  },
  60_000,
);

it.skipIf(!tmux)(
  "configure asks for each setting and never shows the secret",
  async () => {
    const name = `${session}-configure`;
    const configHome = join(directory, "config");
    try {
      startInTerminal(name, ["env", `XDG_CONFIG_HOME=${configHome}`, process.execPath, binaryPath, "configure"]);
      const answers = ["https://crm.example.com", "acme", "my-client", "typed-secret-value"];
      for (const [index, prompt] of ["Base URL", "Tenant code", "Client id", "Client secret"].entries()) {
        await waitForScreen((text) => text.includes(prompt), `the ${prompt} prompt`, name);
        execFileSync("tmux", ["send-keys", "-t", name, answers[index] as string, "Enter"]);
      }
      const done = await waitForScreen((text) => text.includes("EXIT="), "the exit code", name);
      expect(done).toContain("EXIT=0");
      expect(done).not.toContain("typed-secret-value");
      const saved = JSON.parse(await readFile(join(configHome, "engagifii", "config.json"), "utf8"));
      expect(saved.profiles.default).toEqual({
        baseUrl: "https://crm.example.com",
        tenantCode: "acme",
        clientId: "my-client",
        clientSecret: "typed-secret-value",
      });
    } finally {
      spawnSync("tmux", ["kill-session", "-t", name]);
    }
  },
  60_000,
);
