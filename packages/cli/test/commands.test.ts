// The commands as shipped, run as the built binary against the fake API on the document in use: the
// resources, paths and page fields come from the generated table and the paging metadata, the bodies
// from the document's schemas. Path matching and did-you-mean run on the CLI's own document (--spec).
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodySchema, fieldFlags, listRecords, propertiesOf, scalarBody } from "./document-values.js";
import { embeddedRecords } from "./embedded-records.js";
import { type FakeCrmServer, startFakeCrmServer } from "./fake-crm-server.js";
import { guideDocumentPath } from "./guide-document.js";
import { document, fakeEnvironment, runBinary } from "./run-binary.js";
import { crudResource, listedResource, shapeOf } from "./shipped-table.js";

const crud = crudResource();
const list = crud.operations.list!;
const shape = shapeOf(list);
const records = listRecords(document, list, 30);

let server: FakeCrmServer;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startFakeCrmServer(document, { seed: { [list.path]: records } });
  home = await mkdtemp(join(tmpdir(), "engagifii-cli-"));
  env = fakeEnvironment(server.url, home);
});
afterAll(async () => {
  await server.stop();
  await rm(home, { recursive: true, force: true });
});

/** Flags that ask `api` for pages of `size` items: in the query of a GET, in the body of a POST. */
function pageSizeFlags(size: number): string[] {
  if (shape.sizeField === undefined) throw new Error(`${list.method} ${list.path} takes no page size`);
  return shape.location === "query" ? ["--query", `${shape.sizeField}=${size}`] : ["-F", `${shape.sizeField}=${size}`];
}

describe("engagifii api", () => {
  it("calls an operation and prints its JSON", async () => {
    const result = await runBinary(["api", list.method, list.path, ...pageSizeFlags(2)], { env });
    expect(result.code, result.stderr).toBe(0);
    const page = JSON.parse(result.stdout);
    expect(page).toMatchObject({ [shape.totalField]: 30, [shape.itemsField]: [{ id: records[0]?.id }, {}] });
    expect(page[shape.itemsField]).toHaveLength(2);
    if (shape.reportedSizeField) expect(page[shape.reportedSizeField]).toBe(2);
  });

  it("suggests the closest path for an unknown one, and exits 2", async () => {
    const result = await runBinary(["--spec", guideDocumentPath, "api", "GET", "/api/v1/peple/42"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "engagifii: /api/v1/peple/42 is not a path of the API\nhint: did you mean /api/v1/people/{personId}?\n",
    );
  });

  it("names the methods a path has", async () => {
    const result = await runBinary(["--spec", guideDocumentPath, "api", "PATCH", "/api/v1/people"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("PATCH is not an operation of /api/v1/people; it has GET, POST");
  });

  it("streams every item as JSON Lines with --paginate", async () => {
    const result = await runBinary(["api", list.method, list.path, "--paginate", ...pageSizeFlags(7)], { env });
    expect(result.code, result.stderr).toBe(0);
    const ids = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).id);
    expect(ids).toEqual(records.map((record) => record.id));
  });

  it("sends -f and -F fields as the body", async () => {
    const create = crud.operations.create!;
    const body = scalarBody(document, create, "api");
    expect(Object.keys(body).length).toBeGreaterThan(0);
    const result = await runBinary(["api", create.method, create.path, ...fieldFlags(body)], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject(body);
  });
});

describe("resource commands", () => {
  it(`create, get, update, list and delete a record (${crud.command})`, async () => {
    const { create, update } = crud.operations;
    const body = scalarBody(document, create!, "create");
    const created = await runBinary([crud.command, "create", ...fieldFlags(body), "--json"], { env });
    expect(created.code, created.stderr).toBe(0);
    const { id } = JSON.parse(created.stdout) as { id: string };
    expect(JSON.parse(created.stdout)).toMatchObject(body);

    const text = Object.entries(propertiesOf(bodySchema(document, update!))).find(
      ([field, property]) => typeof body[field] === "string" && property.format === undefined,
    )?.[0];
    if (!text) throw new Error(`${update!.method} ${update!.path} has no text field of the created record to change`);
    const [name, value] = [text, `${String(body[text])} (changed)`];
    const updated = await runBinary([crud.command, "update", id, "-f", `${name}=${value}`, "--json"], { env });
    const record = JSON.parse(updated.stdout) as Record<string, unknown>;
    expect(record).toMatchObject({ ...body, id, [name]: value });

    const shown = await runBinary([crud.command, "get", id], { env });
    const header = crud.columns.map((column) => column.toUpperCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    expect(crud.columns.length).toBeGreaterThan(1);
    expect(shown.stdout).toMatch(new RegExp(`^${header.join("\\s+")}\\n`));
    const shownValue = crud.columns.map((column) => record[column]).find((cell) => typeof cell === "string");
    if (crud.columns.includes("id")) expect(shown.stdout).toContain(id);
    if (shownValue !== undefined) expect(shown.stdout).toContain(shownValue);
    const deleted = await runBinary([crud.command, "delete", id], { env });
    expect(deleted.stdout).toBe(`deleted ${crud.singular} ${id}\n`);
    const missing = await runBinary([crud.command, "get", id], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^engagifii: NotFoundError: GET .* found nothing\nhint: check the id\n$/);
  });

  it("lists one page as a table with a footer", async () => {
    const result = await runBinary([crud.command, "list", "--page-size", "3", "--page", "1"], { env });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(String(records[3]?.id));
    expect(result.stdout).toMatch(new RegExp(`page 1: 3 of \\d+ ${crud.command}\\n$`));
  });
});

describe("configuration", () => {
  it("auth check prints tenant, lifetime, scopes and limits, never the secret or the token", async () => {
    const result = await runBinary(["auth", "check", "--rate-limit", "50/1s"], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("tenant       acme (environment)");
    expect(result.stdout).toContain("token        valid 3600 s");
    expect(result.stdout).toContain("scopes       api:read api:write");
    expect(result.stdout).toContain("rate limit   50 requests per 1 s");
    expect(result.stdout).toContain(`check call   ${listedResource().command} list`);
    expect(result.stdout + result.stderr).not.toContain("test-secret-value");
  });

  it("configure writes the profile with mode 0600, and flags beat the environment, which beats the profile", async () => {
    const profileHome = await mkdtemp(join(tmpdir(), "engagifii-profile-"));
    const bare = { PATH: env.PATH ?? "", HOME: profileHome, XDG_CONFIG_HOME: join(profileHome, "xdg") };
    const configureArgs = ["--profile", "staging", "--tenant", "from-profile", "--base-url", server.url, "configure"];
    const withoutSecret = await runBinary([...configureArgs, "--client-id", "id-1"], { env: bare });
    expect(withoutSecret.code).toBe(2);
    expect(withoutSecret.stderr).toContain("a profile needs a tenant, a client id and a client secret");
    const configured = await runBinary([...configureArgs, "--client-id", "id-1", "--client-secret-stdin"], {
      env: bare,
      input: "profile-secret\n",
    });
    expect(configured.code).toBe(0);
    expect(configured.stdout).not.toContain("profile-secret");
    const path = join(profileHome, "xdg", "engagifii", "config.json");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, "utf8")).profiles.staging).toMatchObject({
      clientId: "id-1",
      clientSecret: "profile-secret",
    });
    const fromProfile = await runBinary(["--profile", "staging", "auth", "check"], { env: bare });
    expect(fromProfile.stdout).toContain("tenant       from-profile (profile)");
    const fromEnvironment = await runBinary(["--profile", "staging", "auth", "check"], {
      env: { ...bare, ENGAGIFII_TENANT_CODE: "from-env" },
    });
    expect(fromEnvironment.stdout).toContain("tenant       from-env (environment)");
    const fromFlag = await runBinary(["--profile", "staging", "--tenant", "from-flag", "auth", "check"], {
      env: { ...bare, ENGAGIFII_TENANT_CODE: "from-env" },
    });
    expect(fromFlag.stdout).toContain("tenant       from-flag (flag)");
    expect(fromFlag.stdout).not.toContain("profile-secret");
    await rm(profileHome, { recursive: true, force: true });
  });

  it("without credentials fails with one line, a hint and exit 3", async () => {
    const result = await runBinary([listedResource().command, "list"], {
      env: { PATH: env.PATH ?? "", HOME: home, XDG_CONFIG_HOME: join(home, "none") },
    });
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split("\n")).toHaveLength(2);
    expect(result.stderr).toMatch(/^engagifii: .*tenantCode.*\nhint: run `engagifii configure`/);
  });

  it("--mock needs no credentials", async () => {
    const entry = listedResource();
    const listShape = shapeOf(entry.operations.list!);
    const seeded = (await embeddedRecords(document, entry)).length;
    expect(seeded).toBeGreaterThan(2);
    const result = await runBinary(["--mock", entry.command, "list", "--page-size", "2", "--json"], {
      env: { PATH: env.PATH ?? "", HOME: home },
    });
    expect(result.code, result.stderr).toBe(0);
    const page = JSON.parse(result.stdout);
    expect(page).toMatchObject({ [listShape.totalField]: seeded });
    expect(page[listShape.itemsField]).toHaveLength(2);
    if (listShape.reportedSizeField) expect(page[listShape.reportedSizeField]).toBe(2);
  });
});
