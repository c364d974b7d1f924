// The spec:update command, only in ways that write nothing: on the real repository --help, a pull of the committed
// spec itself (no change, whatever document specs/ holds) and failures; --dry-run of a breaking change on a temporary
// copy that holds the tests' own document and map (temp-repo.ts). Each spawns tsx, so each case allows for its
// start-up. The exit codes of the other outcomes, and the report's text, are checked in process by spec-update.test.ts.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChildOutput } from "../child-output.js";
import { GENERATED_TYPES_FILE } from "../spec-update/update-spec.js";
import { runScript } from "./run-tsx.js";
import { createTempRepo, guideSpec, REAL_REPO, SPEC_FILE, writeSpec } from "./temp-repo.js";

let work: string;
let before: { spec: string; types: string };
const repos: string[] = [];

const readRepoFiles = async (repoRoot = REAL_REPO) => ({
  spec: await readFile(join(repoRoot, SPEC_FILE), "utf8"),
  types: await readFile(join(repoRoot, GENERATED_TYPES_FILE), "utf8"),
});

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "spec-update-cli-"));
  before = await readRepoFiles();
});

afterAll(async () => {
  expect(await readRepoFiles()).toEqual(before);
  await Promise.all([work, ...repos].map((path) => rm(path, { recursive: true, force: true })));
});

/** The command of this repository, or of a temporary copy, run from the repository's root. */
function runCli(args: string[], copy?: string): Promise<ChildOutput> {
  return runScript("spec-update.ts", args, { INIT_CWD: copy ?? REAL_REPO }, copy);
}

// Generous: on a busy two-core CI machine one dry run (tsx start-up, pull, generate, tsc) has taken a minute.
describe("spec-update CLI", { timeout: 180_000 }, () => {
  it("documents its exit codes in --help", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: pnpm spec:update/);
    expect(stdout).toMatch(
      /Exit codes:\n {2}0 {2}no change.*\n {2}1 {2}error.*\n {2}2 {2}non-breaking.*\n {2}3 {2}breaking/,
    );
  });

  it("exits 0 with one line when the pulled spec is the committed one (relative --from, INIT_CWD)", async () => {
    const { code, stdout, stderr } = await runCli(["--from", SPEC_FILE]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^spec:update: no change: specs\/engagifii-crm\.openapi\.yaml already matches .*\n$/);
  });

  it("exits 3 for a breaking change in a dry run, names the dropped helper and every file it breaks, writes nothing", async () => {
    const repoRoot = await createTempRepo();
    repos.push(repoRoot);
    const repoBefore = await readRepoFiles(repoRoot);
    const document = await guideSpec();
    // biome-ignore lint/suspicious/noExplicitAny: an arbitrary place in the parsed document.
    delete (document as any).paths["/api/v1/people/{personId}"].delete;
    const from = await writeSpec(work, "removed.yaml", document);
    const { code, stdout } = await runCli(["--from", from, "--dry-run"], repoRoot);
    expect(code).toBe(3);
    expect(stdout).toMatch(/^spec:update: breaking change \(major\): operations: 1 removed\n/);
    expect(stdout).toContain("DELETE /api/v1/people/{personId} (deletePerson)");
    expect(stdout).toContain("  crm.people.delete() — deletePerson: no such operation in the document");
    // Every workspace package is checked: the demo in examples/ calls crm.people.delete.
    expect(stdout).toMatch(/\n {2}examples\/src\/[\w/-]+\.ts:\d+ — TS2339: Property 'delete' does not exist/);
    expect(stdout).toContain("Dry run: nothing written.");
    expect(await readRepoFiles(repoRoot)).toEqual(repoBefore);
  });

  it.for([
    ["a missing file", ["--from", "no-such-spec.yaml"], /cannot read .*no-such-spec\.yaml: no such file/],
    ["an unknown option", ["--form", "x"], /Unknown option '--form'.*\(see --help\)/],
  ] as const)("exits 1 with one line on %s", async ([, args, reason]) => {
    const { code, stdout, stderr } = await runCli([...args]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^spec:update: [^\n]+\n$/);
    expect(stderr).toMatch(reason);
  });
});
