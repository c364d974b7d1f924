import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePeople } from "../src/mock/embedded-mock.js";
import { type FakeCrmServer, startFakeCrmServer } from "./fake-crm-server.js";
import { document, fakeEnvironment, runBinary } from "./run-binary.js";

let server: FakeCrmServer;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startFakeCrmServer(document, { seed: { "/api/v1/people": samplePeople(30) } });
  home = await mkdtemp(join(tmpdir(), "engagifii-cli-"));
  env = fakeEnvironment(server.url, home);
});
afterAll(async () => {
  await server.stop();
  await rm(home, { recursive: true, force: true });
});

describe("engagifii api", () => {
  it("calls an operation and prints its JSON", async () => {
    const result = await runBinary(["api", "GET", "/api/v1/people", "--query", "pageSize=2"], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ totalCount: 30, pageSize: 2, data: [{}, {}] });
  });

  it("suggests the closest path for an unknown one, and exits 2", async () => {
    const result = await runBinary(["api", "GET", "/api/v1/peple/42"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "engagifii: /api/v1/peple/42 is not a path of the API\nhint: did you mean /api/v1/people/{personId}?\n",
    );
  });

  it("names the methods a path has", async () => {
    const result = await runBinary(["api", "PATCH", "/api/v1/people"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("PATCH is not an operation of /api/v1/people; it has GET, POST");
  });

  it("streams every item as JSON Lines with --paginate", async () => {
    const result = await runBinary(["api", "GET", "/api/v1/people", "--paginate", "--query", "pageSize=7"], { env });
    expect(result.code).toBe(0);
    const emails = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).email);
    expect(emails).toEqual(samplePeople(30).map((person) => person.email));
  });

  it("sends -f and -F fields as the body", async () => {
    const result = await runBinary(
      [
        "api",
        "POST",
        "/api/v1/people",
        "-f",
        "firstName=Jane",
        "-f",
        "lastName=Smith",
        "-f",
        "email=jane@example.com",
        "-F",
        "isActive=false",
      ],
      { env },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ firstName: "Jane", email: "jane@example.com" });
  });
});

describe("resource commands", () => {
  it("create, get, update, list and delete a person", async () => {
    const created = await runBinary(
      ["people", "create", "-f", "firstName=Lin", "-f", "lastName=Chen", "-f", "email=lin@example.com", "--json"],
      { env },
    );
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.stdout) as { id: string };
    const updated = await runBinary(["people", "update", id, "-f", "phone=+1-555-0199", "--json"], { env });
    expect(JSON.parse(updated.stdout)).toMatchObject({ id, phone: "+1-555-0199" });
    const shown = await runBinary(["people", "get", id], { env });
    expect(shown.stdout).toMatch(/^ID\s+FIRSTNAME\s+LASTNAME\s+EMAIL\s+ISACTIVE\n/);
    expect(shown.stdout).toContain("lin@example.com");
    const deleted = await runBinary(["people", "delete", id], { env });
    expect(deleted.stdout).toBe(`deleted person ${id}\n`);
    const missing = await runBinary(["people", "get", id], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^engagifii: NotFoundError: GET .* found nothing\nhint: check the id\n$/);
  });

  it("lists one page as a table with a footer", async () => {
    const result = await runBinary(["people", "list", "--page-size", "3", "--page", "1"], { env });
    expect(result.stdout.trim().split("\n")).toHaveLength(5);
    expect(result.stdout).toMatch(/page 1: 3 of \d+ people\n$/);
  });
});

describe("configuration", () => {
  it("auth check prints tenant, lifetime, scopes and limits, never the secret or the token", async () => {
    const result = await runBinary(["auth", "check", "--rate-limit", "50/1s"], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("tenant       acme (environment)");
    expect(result.stdout).toContain("token        valid 3600 s");
    expect(result.stdout).toContain("scopes       api:read api:write");
    expect(result.stdout).toContain("rate limit   50 requests per 1 s");
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
    const result = await runBinary(["people", "list"], {
      env: { PATH: env.PATH ?? "", HOME: home, XDG_CONFIG_HOME: join(home, "none") },
    });
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split("\n")).toHaveLength(2);
    expect(result.stderr).toMatch(/^engagifii: .*tenantCode.*\nhint: run `engagifii configure`/);
  });

  it("--mock needs no credentials", async () => {
    const result = await runBinary(["--mock", "people", "list", "--page-size", "2", "--json"], {
      env: { PATH: env.PATH ?? "", HOME: home },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ totalCount: 120, pageSize: 2 });
  });
});
