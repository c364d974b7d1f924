// How a method of the map becomes a command, whatever map the binary was built with: run in this
// process on the CLI's own document and map (test/fixtures), since the binary's commands are those
// of specs/, which may have no method with a query parameter or a body it must have.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError } from "../src/cli-error.js";
import { registerMethods } from "../src/commands/resource-methods.js";
import type { MethodEntry, ResourceEntry } from "../src/resource-entry.js";
import { type FakeCrmServer, startFakeCrmServer } from "./fake-crm-server.js";
import { guideDocument, guideDocumentPath, guideMapPath } from "./guide-document.js";
import { tableOf } from "./table-of.js";

let table: ResourceEntry[];
let server: FakeCrmServer;
let home: string;
const requests: string[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  table = await tableOf(guideDocumentPath, guideMapPath);
  server = await startFakeCrmServer(guideDocument, { onRequest: (method, url) => requests.push(`${method} ${url}`) });
  home = await mkdtemp(join(tmpdir(), "engagifii-method-"));
  // The command reads its settings as the binary does, from the environment.
  Object.assign(process.env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    ENGAGIFII_BASE_URL: server.url,
    ENGAGIFII_TOKEN_URL: `${server.url}/oauth/token`,
    ENGAGIFII_TENANT_CODE: "acme",
    ENGAGIFII_CLIENT_ID: "test-client",
    ENGAGIFII_CLIENT_SECRET: "test-secret-value",
  });
});
afterAll(async () => {
  process.env = saved;
  await server.stop();
  await rm(home, { recursive: true, force: true });
});

function resource(name: string): ResourceEntry {
  const found = table.find((entry) => entry.command === name);
  if (!found) throw new Error(`test/fixtures/guide.resources.yaml has no ${name}`);
  return found;
}

function method(entry: ResourceEntry, name: string): MethodEntry {
  const found = entry.methods.find((candidate) => candidate.command === name);
  if (!found) throw new Error(`${entry.command} has no method ${name}`);
  return found;
}

/** `engagifii <resource> <args…>` with only these methods registered; resolves, or rejects with the command's error. */
async function run(entry: ResourceEntry, args: string[]): Promise<void> {
  const program = new Command("engagifii").exitOverride().option("--spec <file>");
  const command = program.command(entry.command).exitOverride();
  registerMethods(command, entry);
  for (const child of command.commands) child.exitOverride();
  await program.parseAsync([entry.command, ...args], { from: "user" });
}

async function failure(entry: ResourceEntry, args: string[]): Promise<CliError> {
  const error = await run(entry, args).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
  return error;
}

describe("query parameters", () => {
  // The map's paged `iterate` of organizations takes `parentId`; here it is a plain call, which any build can make.
  const search = (required: boolean): ResourceEntry => {
    const organizations = resource("organizations");
    const iterate = method(organizations, "iterate");
    const parameters = iterate.queryParameters.map((parameter) => ({ ...parameter, required }));
    const find = { ...iterate, command: "find", paginate: false, queryParameters: parameters };
    return { ...organizations, methods: [find] };
  };

  it("are options named in kebab-case, sent in the query by their own names", async () => {
    const entry = search(false);
    expect(entry.methods[0]?.queryParameters.map((parameter) => parameter.name)).toEqual(["parentId"]);
    const help = (() => {
      const command = new Command("engagifii").command(entry.command);
      registerMethods(command, entry);
      return command.commands[0]?.helpInformation() ?? "";
    })();
    expect(help).toContain("--parent-id <value>");
    requests.length = 0;
    await run(entry, ["find", "--parent-id", "org-acme"]);
    expect(requests).toEqual(["GET /api/v1/organizations?parentId=org-acme"]);
  });

  it("a required one left out is a usage error naming its option (exit 2)", async () => {
    const error = await failure(search(true), ["find"]);
    expect([error.message, error.hint, error.exitCode]).toEqual([
      "find needs the query parameter parentId",
      "pass --parent-id <value> (or --query parentId=<value>)",
      2,
    ]);
  });
});

it("a write without the body it needs is a usage error (exit 2) with a hint", async () => {
  const committees = resource("committees");
  expect(method(committees, "add-member").body).toBe("required");
  const error = await failure(committees, ["add-member", "7c9e6679-7425-40de-944b-e07fc1f90ae7"]);
  expect([error.message, error.hint, error.exitCode]).toEqual([
    "add-member needs a body",
    "pass --data '{…}', --data @file.json, --data - (stdin), or -f key=value",
    2,
  ]);
});
