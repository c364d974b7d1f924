// The map's other methods as commands (a sub-list's add, list and remove: `organizations add-person`,
// `committees members`, …), run as the built binary against the `--mock` sandbox (started once here,
// so records last across commands). What they run is picked from the generated resource table, the
// bodies come from the document's schemas, so they test the commands the binary ships, whatever
// the document. How a method becomes a command on any map (query parameters as options, a body it
// must have) is tested in method-command.test.ts, on the CLI's own document.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedMock, mockCredentials, startEmbeddedMock } from "../src/mock/embedded-mock.js";
import type { MethodEntry, ResourceEntry } from "../src/resource-entry.js";
import {
  bodySchema,
  fieldFlags,
  itemSchema,
  propertiesOf,
  recordId,
  scalarBody,
  uniqueValue,
} from "./document-values.js";
import { embeddedRecords } from "./embedded-records.js";
import { startFakeCrmServer } from "./fake-crm-server.js";
import { document, fakeEnvironment, runBinary } from "./run-binary.js";
import {
  createdSubList,
  crudResource,
  everyMethod,
  exportableResource,
  linkedSubList,
  linkTarget,
  shapeOf,
} from "./shipped-table.js";

const linked = linkedSubList();
const target = linkTarget(linked);
const created = createdSubList();

let sandbox: EmbeddedMock;
let home: string;
let env: Record<string, string>;
/** Records the sandbox starts with: the linked sub-list's owners, the records it links, the created sub-list's owners. */
let owners: Record<string, unknown>[];
let targets: Record<string, unknown>[];
let creators: Record<string, unknown>[];

/** The first page of a resource's records, as `<resource> list --json` reads it. */
async function listed(entry: ResourceEntry, size: number): Promise<Record<string, unknown>[]> {
  const list = entry.operations.list;
  if (!list) throw new Error(`${entry.command} has no list command`);
  const result = await runBinary([entry.command, "list", "--page-size", String(size), "--json"], { env });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout)[shapeOf(list).itemsField];
}

beforeAll(async () => {
  sandbox = await startEmbeddedMock(document, undefined);
  home = await mkdtemp(join(tmpdir(), "engagifii-methods-"));
  env = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    NO_COLOR: "1",
    ENGAGIFII_BASE_URL: sandbox.url,
    ENGAGIFII_TOKEN_URL: sandbox.tokenUrl,
    ENGAGIFII_TENANT_CODE: mockCredentials.tenantCode,
    ENGAGIFII_CLIENT_ID: mockCredentials.clientId,
    ENGAGIFII_CLIENT_SECRET: mockCredentials.clientSecret,
  };
  [owners, targets, creators] = await Promise.all([
    listed(linked.entry, 2),
    listed(target, 8),
    listed(created.entry, 1),
  ]);
  expect([owners.length, targets.length, creators.length]).toEqual([2, 8, 1]);
});
afterAll(async () => {
  await sandbox?.stop();
  await rm(home, { recursive: true, force: true });
});

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

const idOf = (record: Record<string, unknown> | undefined) => String(record?.id);

/** The path a method calls, its parameters filled in order. */
function concretePath(method: MethodEntry, values: readonly string[]): string {
  let index = 0;
  return method.operation.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[index++] ?? ""));
}

/** The names of a paged method's item fields, as the document has them: the CSV's header. */
const itemFields = (method: MethodEntry) => Object.keys(propertiesOf(itemSchema(document, method.operation)));

describe(`${linked.entry.command} ${linked.add.command}, ${linked.list.command}, ${linked.remove.command}`, () => {
  const { entry, add, list, remove } = linked;

  it(`${add.command} then ${list.command} shows the records, every page of them; ${remove.command} takes them out`, async () => {
    const owner = idOf(owners[1]);
    const added = [3, 0, 7, 5, 1].map((index) => idOf(targets[index]));
    for (const id of added) {
      const result = await runBinary([entry.command, add.command, owner, id], { env });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`done: ${add.operation.method} ${concretePath(add, [owner, id])}\n`);
    }
    // Five records in pages of two: three pages, streamed one after the other.
    const streamed = await runBinary([entry.command, list.command, owner, "--page-size", "2"], { env });
    expect(streamed.code, streamed.stderr).toBe(0);
    const members = jsonLines(streamed.stdout);
    expect(members.map(idOf).sort()).toEqual([...added].sort());
    expect(members.find((member) => idOf(member) === idOf(targets[7]))).toEqual(targets[7]);

    const removed = await runBinary([entry.command, remove.command, owner, idOf(targets[7])], { env });
    expect(removed.code, removed.stderr).toBe(0);
    const csv = await runBinary([entry.command, list.command, owner, "--format", "csv", "--page-size", "3"], {
      env,
    });
    expect(csv.stdout.split("\n", 1)[0]).toBe(itemFields(list).join(","));
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map(idOf).sort()).toEqual(added.filter((id) => id !== idOf(targets[7])).sort());
    const none = await runBinary([entry.command, list.command, idOf(owners[0]), "--format", "json"], { env });
    expect(none.stdout).toBe("[\n]\n");
  });

  it("a missing or empty path argument is a usage error naming it (exit 2)", async () => {
    const itemParameter = add.pathParameters[1]?.name;
    const result = await runBinary([entry.command, add.command, "some-id"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`missing required argument '${itemParameter}'`);
    const empty = await runBinary([entry.command, add.command, "some-id", " "], { env });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe(
      `engagifii: <${itemParameter}> is empty\nhint: pass the ${itemParameter} to ${add.command}\n`,
    );
  });

  it(`an unknown owner is the API's 404: one line, a hint, exit 1`, async () => {
    const missing = String(recordId(itemSchema(document, entry.operations.list!), 999_999));
    const result = await runBinary([entry.command, add.command, missing, idOf(targets[0])], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^engagifii: NotFoundError: ${add.operation.method} .*${missing}.* found nothing\\nhint: check the id\\n$`,
      ),
    );
  });
});

describe(`${created.entry.command} ${created.add.command}, ${created.list.command}, ${created.remove.command}`, () => {
  const { entry, add, list, remove } = created;
  const ownerParameter = add.pathParameters[0]?.name ?? "";
  // The field that names an item in the sub-list: its remove's last parameter, when the items carry it.
  const keyParameter = remove.pathParameters.at(-1)?.name ?? "id";
  const keyField = keyParameter in propertiesOf(bodySchema(document, add.operation)) ? keyParameter : "id";
  const label = Object.entries(propertiesOf(bodySchema(document, add.operation))).find(
    ([name, property]) => name !== keyField && property.type === "string" && property.format === undefined,
  )?.[0];

  it("takes the body from --data, @file and stdin (-f merged over it), and lists the items", async () => {
    if (!label) throw new Error(`${add.operation.method} ${add.operation.path} has no text field to change`);
    const owner = idOf(creators[0]);
    // Three items, each with its own key when the body carries it (a document's example would repeat one).
    const keyProperty = propertiesOf(bodySchema(document, add.operation))[keyField];
    const [first, second, third] = [1, 2, 4].map((variant) => ({
      ...scalarBody(document, add.operation, variant),
      ...(keyField === "id" ? {} : { [keyField]: uniqueValue(keyProperty, variant) }),
    }));
    const keyOf = (answer: string) => String((JSON.parse(answer) as Record<string, unknown>)[keyField]);
    const fromFlag = await runBinary([entry.command, add.command, owner, "--data", JSON.stringify(first)], { env });
    expect(fromFlag.code, fromFlag.stderr).toBe(0);
    const ownerField = itemFields(list).includes(ownerParameter) ? { [ownerParameter]: owner } : {};
    expect(JSON.parse(fromFlag.stdout)).toMatchObject({ ...first, ...ownerField });
    const file = join(home, "item.json");
    await writeFile(file, JSON.stringify(second));
    const fromFile = await runBinary([entry.command, add.command, owner, "--data", `@${file}`], { env });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const fromStdin = await runBinary([entry.command, add.command, owner, "--data", "-", "-f", `${label}=Treasurer`], {
      env,
      input: JSON.stringify(third),
    });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({ ...third, [label]: "Treasurer" });

    const keys = [fromFlag, fromFile, fromStdin].map((result) => keyOf(result.stdout));
    const streamed = await runBinary([entry.command, list.command, owner, "--page-size", "1"], { env });
    expect(
      jsonLines(streamed.stdout)
        .map((item) => `${String(item[keyField])} ${String(item[label])}`)
        .sort(),
    ).toEqual([`${keys[0]} ${first?.[label]}`, `${keys[1]} ${second?.[label]}`, `${keys[2]} Treasurer`].sort());
    expect((await runBinary([entry.command, remove.command, owner, keys[1] ?? ""], { env })).code).toBe(0);
    const after = await runBinary([entry.command, list.command, owner], { env });
    expect(jsonLines(after.stdout).map((item) => String(item[keyField]))).toEqual([keys[0], keys[2]]);
  });

  it("--help shows the operation's summary, the arguments in path order and an example", async () => {
    const parameters = remove.pathParameters.map(({ name }) => `<${name}>`).join(" ");
    const result = await runBinary([entry.command, remove.command, "--help"], { env });
    expect(result.stdout).toContain(`Usage: engagifii ${entry.command} ${remove.command} [options] ${parameters}`);
    expect(result.stdout).toContain(remove.summary);
    expect(result.stdout).toContain("--idempotency-key <key>");
    expect(result.stdout).toContain(`$ engagifii ${entry.command} ${remove.command} ${parameters}`);
  });
});

it("create and update take --data as well, with -f merged over it", async () => {
  const crud = crudResource();
  const body = scalarBody(document, crud.operations.create!, "data");
  const formats = propertiesOf(bodySchema(document, crud.operations.create!));
  const [flagged, ...rest] = Object.entries(body).filter(
    ([name, value]) => typeof value === "string" && formats[name]?.format === undefined,
  );
  if (!flagged) throw new Error(`${crud.command} create takes no text field`);
  const data = Object.fromEntries(Object.entries(body).filter(([name]) => name !== flagged[0]));
  const made = await runBinary(
    [crud.command, "create", "--data", JSON.stringify(data), "-f", `${flagged[0]}=${flagged[1]}`, "--json"],
    { env },
  );
  expect(made.code, made.stderr).toBe(0);
  const { id } = JSON.parse(made.stdout) as { id: string };
  expect(JSON.parse(made.stdout)).toMatchObject(body);
  const [name, value] = rest[0] ?? flagged;
  const update = { [name]: `${String(value)} (changed)` };
  const updated = await runBinary([crud.command, "update", id, "--data", "-", "--json"], {
    env,
    input: JSON.stringify(update),
  });
  expect(updated.code, updated.stderr).toBe(0);
  expect(JSON.parse(updated.stdout)).toMatchObject({ ...body, id, ...update });
});

describe("with --mock, the one command's sandbox", () => {
  const entry = exportableResource();
  const method = everyMethod(entry);

  it(`${entry.command} ${method.command} streams every record the sandbox starts with as CSV, page after page`, async () => {
    const expected = (await embeddedRecords(document, entry)) as Record<string, unknown>[];
    expect(expected.length).toBeGreaterThan(7);
    const result = await runBinary(["--mock", entry.command, method.command, "--page-size", "7", "--format", "csv"], {
      env: { PATH: env.PATH ?? "", HOME: home },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split("\n", 1)[0]).toBe(itemFields(method).join(","));
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map(idOf)).toEqual(expected.map(idOf));
  });
});

it("--idempotency-key goes with the write, so a retried add is done at most once", async () => {
  const { entry, add } = created;
  const server = await startFakeCrmServer(document);
  try {
    const fakeEnv = fakeEnvironment(server.url, home);
    const owner = String(recordId(itemSchema(document, entry.operations.list!), 0));
    const body = scalarBody(document, add.operation, "idempotent");
    const args = [entry.command, add.command, owner, ...fieldFlags(body), "--idempotency-key", "k-42"];
    const first = await runBinary(args, { env: fakeEnv });
    const second = await runBinary(args, { env: fakeEnv });
    expect([first.code, second.code], first.stderr + second.stderr).toEqual([0, 0]);
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
    expect(server.idempotencyKeys.get("k-42")).toBe(2);
    expect(server.records(concretePath(add, [owner]))).toHaveLength(1);
  } finally {
    await server.stop();
  }
});
