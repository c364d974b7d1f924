// The maintainer's day the live document arrives, end to end on a copy of this repository: spec:update from a
// live-shaped document, one edit of specs/resources.yaml, generate, `pnpm build`, a type-check of the whole
// workspace (tests, examples and benchmarks included), the mock server's contract tests on that document (every
// operation through the client, against Prism and against the stateful sandbox), and an integrator's program
// against the stateful mock on that document (integrator-against-mock.ts): a token with the document's scope, a
// POST PagingList paged to the end, and one record.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childOutput } from "../child-output.js";
import { copyWorkspace, typecheckWorkspace } from "../spec-update/typecheck-workspace.js";
import { startRecordedMock } from "./integrator-against-mock.js";
import { listOperations, loadSpec } from "./load-spec.js";
import { REAL_REPO } from "./temp-repo.js";

const fixture = join(REAL_REPO, "scripts/test/fixtures/live-shaped-openapi3.yaml");

// What a maintainer writes into specs/resources.yaml after reading spec:update's suggestions.
const MAP = `resources:
  people:
    list: Person_PagingList
    iterate: { paginate: Person_PagingList }
    get: Person_GetById
    create: Person_Create
    update: Person_Update
    delete: Person_Delete
  organizations:
    list: Organization_PagingList
    iterate: { paginate: Organization_PagingList }
    get: Organization_GetById
    create: Organization_Create
    update: Organization_Update
    delete: Organization_Delete
    people: { paginate: Organization_PersonPagingList }
    addPerson: Organization_AddPerson
    removePerson: Organization_RemovePerson
  committees:
    list: Committee_PagingList
    iterate: { paginate: Committee_PagingList }
    get: Committee_GetById
    create: Committee_Create
    update: Committee_Update
    delete: Committee_Delete
    members: { paginate: Committee_MemberPagingList }
    addMember: Committee_AddMember
    removeMember: Committee_RemoveMember
models:
  Person: PersonDto
  PersonCreate: PersonDto
  PersonUpdate: PersonDto
  Organization: OrganizationDto
  OrganizationCreate: OrganizationDto
  OrganizationUpdate: OrganizationDto
  Committee: CommitteeDto
  CommitteeCreate: CommitteeDto
  CommitteeUpdate: CommitteeDto
  CommitteeMember: CommitteeMemberDto
  CommitteeMemberCreate: CommitteeMemberDto
`;

// An integrator's program against the new paths: no token URL, scope or paging code of its own.
const PROGRAM = `import { createCrmClient } from "@engagifii/crm-client";
import { MembershipStatus } from "@engagifii/crm-types";

const crm = createCrmClient({ clientId: "integrator", clientSecret: "secret", tenantCode: "acme" });
const ids: string[] = [];
for await (const person of crm.people.iterate({ sortBy: "lastName", sortDirection: "asc", itemCount: 10 }, { concurrency: 2 }))
  ids.push(person.id ?? "");
const first = await crm.people.get(ids[0] ?? "");
const active: boolean = first.membershipStatus === MembershipStatus.Active;
console.log(JSON.stringify({ count: ids.length, unique: new Set(ids).size, first: first.firstName, active }));
`;

const tsx = join(REAL_REPO, "scripts/node_modules/.bin/tsx");

async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const { ENGAGIFII_SPEC_URL: _ignored, ...inherited } = process.env;
  const output = await childOutput(spawn(command, args, { cwd, env: { ...inherited, ...env } }));
  return { ...output, text: output.stdout + output.stderr };
}

/** What vitest's json reporter writes, as far as this test reads it. */
interface VitestReport {
  testResults: Array<{
    name: string;
    assertionResults: Array<{ title: string; fullName: string; status: string; failureMessages: string[] }>;
  }>;
}

let repo: string;

beforeAll(async () => {
  repo = await realpath(await mkdtemp(join(tmpdir(), "live-swap-")));
  await copyWorkspace(REAL_REPO, repo);
});

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe("swapping in a live-shaped document", { timeout: 420_000 }, () => {
  it("gives a working SDK after spec:update and one edit of the resource map", async () => {
    const update = await run(tsx, ["spec-update.ts", "--from", fixture], join(repo, "scripts"), { INIT_CWD: repo });
    // Whatever document specs/ holds today: the swap is reported (2 or 3), or there is nothing to swap (0).
    expect([0, 2, 3], update.text).toContain(update.code);
    expect(update.stderr).toBe("");

    await writeFile(join(repo, "specs/resources.yaml"), MAP);
    // `pnpm generate`, as spec:update's report says: the client's helpers and types, the CLI's commands, Postman.
    const generate = await run("pnpm", ["generate", "--output-logs=errors-only"], repo, {
      TURBO_TELEMETRY_DISABLED: "1",
    });
    expect(generate.code, generate.text).toBe(0);

    // `pnpm build`, as the maintainer runs it: every package, in turbo's order.
    const build = await run("pnpm", ["build", "--output-logs=errors-only"], repo, { TURBO_TELEMETRY_DISABLED: "1" });
    expect(build.code, build.text).toBe(0);

    // The whole workspace (sources, tests, scripts, examples, benchmarks, and the integrator's program) in
    // spec:update's one tsc program: a full `pnpm typecheck` runs tsc once a package and takes minutes more.
    await writeFile(join(repo, "examples/src/integrator.ts"), PROGRAM);
    const errors = await typecheckWorkspace({ repoRoot: repo, files: {} });
    expect(errors.map(({ file, line, message }) => `${file}:${line} ${message}`)).toEqual([]);

    // The contract tests on the swapped document, in both of their projects (Prism, and the stateful sandbox):
    // every test passes and none is skipped, and each operation of the document is one of them in each project.
    const report = join(repo, "contract-report.json");
    const projects = ["--project", "contract", "--project", "contract-stateful"];
    const contract = await run(
      "pnpm",
      ["exec", "vitest", "run", ...projects, "--reporter=json", `--outputFile=${report}`],
      join(repo, "packages/mock-server"),
    );
    const tests = ((JSON.parse(await readFile(report, "utf8")) as VitestReport).testResults ?? []).flatMap((file) =>
      file.assertionResults.map(({ title, fullName, status, failureMessages }) => ({
        file: basename(file.name),
        title,
        fullName,
        status,
        failureMessages,
      })),
    );
    expect(tests.filter(({ status }) => status !== "passed")).toEqual([]);
    expect(contract.code, contract.text).toBe(0);
    const operationIds = listOperations(loadSpec(join(repo, "specs/engagifii-crm.openapi.yaml"))).map(({ operation }) =>
      String(operation.operationId),
    );
    expect(operationIds).toHaveLength(21);
    expect(
      tests
        .filter(({ file }) => file === "operations.test.ts")
        .map(({ title }) => title)
        .sort(),
    ).toEqual([...operationIds, ...operationIds].sort());

    const server = await startRecordedMock(join(repo, "specs/engagifii-crm.openapi.yaml"));
    try {
      const program = await run(tsx, ["src/integrator.ts"], join(repo, "examples"), {
        ENGAGIFII_BASE_URL: server.url,
        ENGAGIFII_LOG: "off",
      });
      expect(program.code, program.text).toBe(0);
      // Every generated person once (the mock's own count), and the first of them.
      expect(JSON.parse(program.stdout)).toEqual(await server.expectedOutput());
      expect(JSON.parse(program.stdout).count).toBeGreaterThan(20);
      // One token, with the document's scope, from the document's token URL; 25 people in pages of 10.
      expect(server.seen.filter((line) => line.startsWith("token"))).toEqual(["token scope=crm.api"]);
      expect(server.seen.filter((line) => line === "POST /api/Person/PagingList")).toHaveLength(3);
    } finally {
      await server.stop();
    }
  });
});
