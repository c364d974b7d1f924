// updateSpec end to end on temporary copies of the repository (see temp-repo.ts): the real specs/ and packages/types
// are only read. Each copy holds the tests' own document and map (fixtures/guide.*, whatever specs/ holds); the
// documents pulled are derived from it, plus Swashbuckle- and live-shaped ones.
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESOURCES_FILE } from "../../packages/client/scripts/generate-resources.js";
import { GENERATED_FILES, generateAll } from "../../packages/types/scripts/generate.js";
import { renderPostmanFiles } from "../../postman/src/render-files.js";
import { pullSpec } from "../spec/pull-spec.js";
import { changesetFileName } from "../spec-update/changeset.js";
import { exitCodeOf, formatReport } from "../spec-update/report.js";
import type { TypeErrorReport } from "../spec-update/typecheck-workspace.js";
import { GENERATED_TYPES_FILE, type UpdateSpecOptions, updateSpec } from "../spec-update/update-spec.js";
import { createTempRepo, fixture, GUIDE_SPEC, guideSpec, SPEC_FILE, writeSpec } from "./temp-repo.js";

// biome-ignore lint/suspicious/noExplicitAny: the tests edit arbitrary places of a parsed YAML document.
type Doc = any;

/** For cases where the workspace's compile is not the point: it takes most of a minute on a busy machine. */
const noTypecheck = async (): Promise<TypeErrorReport[]> => [];

let work: string;
const repos: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "spec-update-fixtures-"));
});

afterAll(async () => {
  await Promise.all([work, ...repos].map((path) => rm(path, { recursive: true, force: true })));
});

async function derivedSpec(name: string, edit: (document: Doc) => void): Promise<string> {
  const document = await guideSpec();
  edit(document);
  return writeSpec(work, name, document);
}

/** A fresh temporary repository and a snapshot of the files spec:update may write. */
async function tempRepo() {
  const repoRoot = await createTempRepo();
  repos.push(repoRoot);
  const read = (path: string) => readFile(join(repoRoot, path), "utf8");
  const snapshot = async () => ({
    spec: await read(SPEC_FILE),
    types: await read(GENERATED_TYPES_FILE),
    resources: await read(RESOURCES_FILE),
    changesets: (await readdir(join(repoRoot, ".changeset"))).sort(),
  });
  return { repoRoot, read, snapshot, before: await snapshot() };
}

function run(repoRoot: string, from: string, options: Partial<UpdateSpecOptions> = {}) {
  return updateSpec({ repoRoot, from, env: {}, ...options });
}

const REMOVE_DELETE_PERSON = (document: Doc) => {
  delete document.paths["/api/v1/people/{personId}"].delete;
};

// Cases that compile the client take about 5 s on an idle machine, several times that on a busy CI one.
describe("updateSpec", { timeout: 120_000 }, () => {
  it("no change: exit 0 territory, nothing written", async () => {
    const repo = await tempRepo();
    const result = await run(repo.repoRoot, GUIDE_SPEC, { typecheck: noTypecheck });
    expect(result).toMatchObject({ diff: undefined, breaking: false, written: [], changeset: undefined });
    expect(exitCodeOf(result)).toBe(0);
    expect(formatReport(result, false)).toMatch(
      /^spec:update: no change: specs\/engagifii-crm\.openapi\.yaml already matches /,
    );
    expect(await repo.snapshot()).toEqual(repo.before);
  });

  it("an added operation: minor; writes the spec, the regenerated types and a minor changeset", async () => {
    const repo = await tempRepo();
    const from = await derivedSpec("added.yaml", (document) => {
      document.paths["/api/v1/people/search"] = {
        get: {
          operationId: "searchPeople",
          parameters: [{ name: "q", in: "query", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "Matches.",
              content: {
                "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Person" } } },
              },
            },
          },
        },
      };
    });
    const result = await run(repo.repoRoot, from, { typecheck: noTypecheck });

    expect(result.diff?.level).toBe("minor");
    expect(result.breaking).toBe(false);
    expect(exitCodeOf(result)).toBe(2);
    expect(result.typeErrors).toEqual([]);
    expect(result.unmappedOperations).toEqual(["searchPeople (GET /api/v1/people/search)"]);
    const report = formatReport(result, false);
    expect(report).toContain("Every workspace package (sources, tests, examples) type-checks against the new files.");
    expect(report).toContain(
      "Operations without a resource helper: add them to specs/resources.yaml? (1)\n  searchPeople",
    );
    expect(result.diff?.added).toEqual([{ key: "GET /api/v1/people/search", operationId: "searchPeople" }]);
    const changesetFile = `.changeset/${changesetFileName(await repo.read(SPEC_FILE))}`;
    expect(result.written).toEqual([
      SPEC_FILE,
      RESOURCES_FILE,
      "packages/cli/src/generated/resource-table.ts",
      ...GENERATED_FILES,
      "postman/generated/engagifii-crm.postman_collection.json",
      "postman/generated/engagifii-crm.postman_environment.json",
      changesetFile,
    ]);

    // The spec is written exactly as spec:pull would write it.
    const pulledPath = join(work, "added.pulled.yaml");
    await pullSpec({ from, out: pulledPath, env: {} });
    expect(await repo.read(SPEC_FILE)).toBe(await readFile(pulledPath, "utf8"));
    // Exactly what `pnpm generate` makes from the written spec, so the types package's drift test stays green.
    const generated = await generateAll(join(repo.repoRoot, SPEC_FILE));
    for (const path of GENERATED_FILES) expect(await repo.read(path)).toBe(generated[path.split("/").pop() ?? ""]);
    expect(await repo.read(GENERATED_TYPES_FILE)).toContain('"/api/v1/people/search"');
    expect(await repo.read(GENERATED_TYPES_FILE)).toContain("searchPeople: {");
    // And the Postman files, so postman's drift test stays green too: it has a request for the new operation.
    const postman = await renderPostmanFiles(await repo.read(SPEC_FILE));
    for (const [path, text] of Object.entries(postman)) expect(await repo.read(path), path).toBe(text);
    expect(await repo.read("postman/generated/engagifii-crm.postman_collection.json")).toContain('"search"');

    const changeset = await repo.read(changesetFile);
    expect(changeset).toMatch(
      /^---\n"@engagifii\/crm-types": minor\n"@engagifii\/crm-client": minor\n"@engagifii\/crm-mock-server": minor\n---\n/,
    );
    expect(changeset).toContain("Additive update of the Engagifii CRM API spec (operations: 1 added)");
    expect(changeset).toContain("- GET /api/v1/people/search (searchPeople)");
  });

  it("a removed operation: major; its helper is dropped and named, and every workspace file that used it by line", async () => {
    const repo = await tempRepo();
    const from = await derivedSpec("removed.yaml", REMOVE_DELETE_PERSON);
    const result = await run(repo.repoRoot, from);

    expect(result.diff?.level).toBe("major");
    expect(result.breaking).toBe(true);
    expect(exitCodeOf(result)).toBe(3);
    expect(result.diff?.removed).toEqual([{ key: "DELETE /api/v1/people/{personId}", operationId: "deletePerson" }]);
    expect(result.droppedHelpers).toEqual([
      { resource: "people", method: "delete", reference: "deletePerson", reason: "no such operation in the document" },
    ]);
    const report = formatReport(result, false);
    expect(report).toMatch(/^spec:update: breaking change \(major\): operations: 1 removed\n/);
    expect(report).toContain("  crm.people.delete() — deletePerson: no such operation in the document");
    expect(await repo.read(RESOURCES_FILE)).not.toContain("deletePerson");
    // Whatever called crm.people.delete (tests, examples, the demo) is named by file and line, and the line is the call.
    expect(result.typeErrors).not.toEqual([]);
    for (const error of result.typeErrors) {
      expect(error.line).toBeGreaterThan(0);
      expect(report).toContain(`  ${error.file}:${error.line} — ${error.code}: `);
      const line = (await repo.read(error.file)).split("\n")[error.line - 1] ?? "";
      expect(line).toMatch(/delete|people/i);
    }
    const changeset = await repo.read(result.changeset?.file ?? "");
    expect(changeset).toContain('"@engagifii/crm-client": major');
    expect(changeset).toContain("**Operations removed**\n\n- DELETE /api/v1/people/{personId} (deletePerson)");
    expect(changeset).toContain("**Resource helpers removed (breaking)**\n\n- crm.people.delete() (deletePerson)");
  });

  it("a new token URL or scope: major, named", async () => {
    const repo = await tempRepo();
    const from = await derivedSpec("token.yaml", (document) => {
      const flow = document.components.securitySchemes.oauth2.flows.clientCredentials;
      flow.tokenUrl = "https://identity.example.test/connect/token";
      flow.scopes = { "crm.api": "The CRM API" };
    });
    const result = await run(repo.repoRoot, from, { typecheck: noTypecheck, dryRun: true });
    expect(result.diff?.level).toBe("major");
    const messages = result.diff?.document.map(({ message }) => message);
    expect(messages).toContain(
      "token URL /oauth/token → https://identity.example.test/connect/token: the client's default",
    );
    expect(messages).toContain("scopes api:read api:write → crm.api: the client's default");
  });

  it("a newly required request field: major", async () => {
    const repo = await tempRepo();
    const from = await derivedSpec("required.yaml", (document) => {
      document.components.schemas.PersonCreate.required.push("phone");
    });
    const result = await run(repo.repoRoot, from, { typecheck: noTypecheck });
    expect(result.diff?.level).toBe("major");
    expect(result.diff?.changed).toEqual([
      {
        key: "POST /api/v1/people",
        operationId: "createPerson",
        changes: [{ level: "major", message: 'schema PersonCreate: "phone" is now required' }],
      },
    ]);
    expect(await repo.read(result.changeset?.file ?? "")).toContain(
      'POST /api/v1/people (createPerson): [breaking] schema PersonCreate: "phone" is now required',
    );
  });

  it("a documentation-only change: patch", async () => {
    const repo = await tempRepo();
    const from = await derivedSpec("docs.yaml", (document) => {
      document.paths["/api/v1/people"].get.description = "Every person in the tenant, one page at a time.";
      document.components.schemas.Person.properties.email.example = "ada@example.com";
    });
    const result = await run(repo.repoRoot, from, { typecheck: noTypecheck });
    expect(result.diff?.level).toBe("patch");
    expect(result.breaking).toBe(false);
    expect(exitCodeOf(result)).toBe(2);
    expect(formatReport(result, false)).toMatch(/^spec:update: documentation-only change \(patch\)/);
    const changeset = await repo.read(result.changeset?.file ?? "");
    expect(changeset).toContain('"@engagifii/crm-types": patch');
    expect(changeset).toContain("Documentation-only update");
  });

  it("a dry run reports everything and writes nothing", async () => {
    const repo = await tempRepo();
    const from = await derivedSpec("removed-dry.yaml", REMOVE_DELETE_PERSON);
    const result = await run(repo.repoRoot, from, { dryRun: true, typecheck: noTypecheck });
    expect(result.diff?.level).toBe("major");
    expect(result.droppedHelpers.map(({ method }) => method)).toEqual(["delete"]);
    expect(result.written).toEqual([]);
    expect(result.changeset?.text).toContain("deletePerson");
    expect(await repo.snapshot()).toEqual(repo.before);
  });

  it("restores the spec and the types when a later write fails", async () => {
    const repo = await tempRepo();
    const from = await derivedSpec("restore.yaml", REMOVE_DELETE_PERSON);
    const pulledPath = join(work, "restore.pulled.yaml");
    await pullSpec({ from, out: pulledPath, env: {} });
    // A directory where the changeset should go: the third write fails after the first two succeeded.
    await mkdir(join(repo.repoRoot, ".changeset", changesetFileName(await readFile(pulledPath, "utf8"))));
    const before = await repo.snapshot();

    await expect(run(repo.repoRoot, from, { typecheck: noTypecheck })).rejects.toThrow();
    expect(await repo.snapshot()).toEqual(before);
  });

  it("fails before writing anything when the pull fails", async () => {
    const repo = await tempRepo();
    await expect(run(repo.repoRoot, join(work, "missing.yaml"))).rejects.toThrow(/no such file/);
    expect(await repo.snapshot()).toEqual(repo.before);
  });

  it.for([
    ["Swashbuckle OpenAPI 3.0.1", "swashbuckle-openapi3.yaml", "People_PagingList", "/api/v1/People/PagingList"],
    ["Swashbuckle Swagger 2.0", "swashbuckle-swagger2.yaml", "ApiV1PeopleByIdGet", "/api/v1/People/{id}"],
  ] as const)(
    "gets through a %s document: ours removed, every helper dropped and named, the new operations suggested",
    async ([, name, operationId, path]) => {
      const repo = await tempRepo();
      const result = await run(repo.repoRoot, fixture(name), { typecheck: noTypecheck });

      expect(result.diff?.level).toBe("major");
      expect(result.breaking).toBe(true);
      expect(result.diff?.removed).toHaveLength(22);
      expect(result.diff?.added).toContainEqual(expect.objectContaining({ operationId }));
      const generated = await repo.read(GENERATED_TYPES_FILE);
      expect(generated).toContain(`"${path}"`);
      expect(generated).toContain(`${operationId}: {`);
      expect(result.droppedHelpers.length).toBeGreaterThan(20);
      expect(result.unmappedOperations).toContainEqual(expect.stringContaining(operationId));
      // The helpers file still compiles: it has no helper left, and the map is the maintainer's to edit.
      expect(await repo.read(RESOURCES_FILE)).toContain("export function createPeople(crm: CrmCoreClient)");
    },
  );
});

describe("a live-shaped Swagger 2.0 document", () => {
  it("is converted, and its IdentityServer token URL, PagingList, x-enumNames and tenant-code are handled", async () => {
    const repo = await tempRepo();
    const result = await run(repo.repoRoot, fixture("live-shaped-swagger2.yaml"), { typecheck: noTypecheck });
    expect(result.diff?.level).toBe("major");
    expect(result.diff?.document.map(({ message }) => message)).toContain(
      "token URL /oauth/token → https://identity.example.com/connect/token: the client's default",
    );
    const operations = await repo.read("packages/types/src/generated/operations.ts");
    expect(operations).toContain('tokenUrl: "https://identity.example.com/connect/token"');
    expect(operations).toContain(
      '"/api/Person/PagingList": {"method":"post","location":"body","pageField":"pageNumber"',
    );
    expect(await repo.read("packages/types/src/generated/schemas.ts")).toContain(
      "export const MembershipStatus = {\n  Active: 0,\n  Lapsed: 1,\n  Pending: 2,\n} as const;",
    );
    expect(await repo.read(GENERATED_TYPES_FILE)).not.toContain('"tenant-code"');
    expect(result.unmappedOperations).toEqual([
      "Person_PagingList (POST /api/Person/PagingList)",
      "Person_GetById (GET /api/Person/{id})",
    ]);
  });
});
