// The demo's last step: the same API from the `engagifii` command line (@engagifii/crm-cli), run
// as a child process against whatever the demo runs against. Both commands only read.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { DemoStep, StepContext } from "./steps.js";

const binary = join(
  dirname(createRequire(import.meta.url).resolve("@engagifii/crm-cli/package.json")),
  "bin/engagifii.js",
);

function engagifii(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [binary, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** Against the mock the binary gets the demo's settings; against a live API it reads ENGAGIFII_* itself. */
function binaryEnvironment({ crm, mode }: StepContext, configHome: string): NodeJS.ProcessEnv {
  const base = { ...process.env, NO_COLOR: "1", XDG_CONFIG_HOME: configHome };
  if (mode.kind === "live") return base;
  return {
    ...base,
    ENGAGIFII_BASE_URL: crm.baseUrl,
    ENGAGIFII_TENANT_CODE: crm.tenantCode,
    ENGAGIFII_CLIENT_ID: "demo-client",
    ENGAGIFII_CLIENT_SECRET: "demo-secret",
  };
}

export const cliStep: DemoStep = {
  key: "cli",
  title: "The same from the command line: an export and a dry-run sync",
  writes: "none",
  async run(context) {
    const { report } = context;
    const directory = await mkdtemp(join(tmpdir(), "engagifii-demo-"));
    try {
      const env = binaryEnvironment(context, directory);
      const show = async (args: string[], accepted: number[]) => {
        report.note(`$ engagifii ${args.join(" ").replaceAll(directory, ".")}`);
        const { code, output } = await engagifii(args, env);
        for (const line of output.trimEnd().split("\n"))
          report.line(line ? `    ${line.replaceAll(directory, ".")}` : "");
        if (!accepted.includes(code)) throw new Error(`engagifii ${args[0]} exited ${code}`);
      };
      const exported = join(directory, "people.csv");
      await show(["export", "people", "--format", "csv", "--out", exported], [0]);

      // A file to sync: the first exported person with a new phone, someone new, and a row with a bad email.
      // (The first person whose email is unique: earlier steps may have created the same person twice.)
      const [header = "", ...lines] = (await readFile(exported, "utf8")).trimEnd().split("\n");
      const columns = header.split(",");
      const rows = lines.map((line) =>
        Object.fromEntries(columns.map((column, index) => [column, line.split(",")[index] ?? ""])),
      );
      const person = rows.find((row) => rows.filter((other) => other.email === row.email).length === 1) ?? {};
      const contacts = join(directory, "contacts.csv");
      await writeFile(
        contacts,
        [
          "firstName,lastName,email,phone",
          `${person.firstName},${person.lastName},${person.email},+1-555-000-1234`,
          "Grace,Hopper,grace.hopper@example.com,",
          "Alan,Turing,not-an-email,",
        ].join("\n"),
      );
      // Exit 4 means "the plan has conflicts", which this file has on purpose.
      await show(["sync", "people", contacts, "--match", "email", "--dry-run"], [0, 4]);
      report.note("the binary's own requests are not in this step's log; see packages/cli/README.md");
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  },
};
