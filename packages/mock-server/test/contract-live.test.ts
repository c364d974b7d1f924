// scripts/contract-live.ts, run as `pnpm contract:live` would run it. The network here reaches
// only loopback, so the "live" API is played by the mock itself (a clean report) and by a small
// node:http server whose people list breaks the spec (a report of differences). The spec is a
// fixture of these tests' own, passed with --spec: our guide's document (frozen), and a document
// in the live API's shape (POST …/PagingList lists, an IdentityServer token URL).
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";
import { guideSpec, liveShapedOpenApi3, packageDirectory } from "./helpers.js";

const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
const secret = "contract-live-test-secret";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runContractLive(variables: Record<string, string>, spec = guideSpec): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("ENGAGIFII_")));
  return new Promise((resolve) => {
    execFile(
      tsx,
      ["scripts/contract-live.ts", "--spec", spec],
      { cwd: packageDirectory, env: { ...env, ...variables }, timeout: 50_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}

const personId = "5b3f8a2c-9d4e-4f61-8a7b-2c1d0e9f8a76";
const createdDate = "2024-02-01T09:15:00Z";

function page(data: unknown[], totalCount: unknown = data.length) {
  return { data, totalCount, pageIndex: 0, pageSize: 10 };
}

const credentials = {
  ENGAGIFII_CLIENT_ID: "contract-live-test",
  ENGAGIFII_CLIENT_SECRET: secret,
  ENGAGIFII_TENANT_CODE: "acme",
};

// Each test starts tsx and Prism in a child process, which takes seconds on a busy machine.
describe("pnpm contract:live", { timeout: 60_000 }, () => {
  it("skips with one line and exit 0 without credentials", async () => {
    const run = await runContractLive({});
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout.trim()).toBe(
      "contract:live: skipped — set ENGAGIFII_CLIENT_ID, ENGAGIFII_CLIENT_SECRET and ENGAGIFII_TENANT_CODE to run it against the live API",
    );
  });

  describe("against the mock as the live API", () => {
    let upstream: MockServer;
    beforeAll(async () => {
      upstream = await startMockServer({ spec: guideSpec });
    });
    afterAll(() => upstream?.stop());

    it("reports every read-only operation as matching and exits 0", async () => {
      const run = await runContractLive({ ...credentials, ENGAGIFII_BASE_URL: upstream.url });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      for (const operationId of [
        "listPeople",
        "getPerson",
        "listOrganizations",
        "getOrganization",
        "listOrganizationPeople",
        "listCommittees",
        "getCommittee",
        "listCommitteeMembers",
      ]) {
        expect(run.stdout).toMatch(new RegExp(`^${operationId} .* 200 +none$`, "m"));
      }
      expect(run.stdout).toContain("contract:live: 8 operations match the spec");
      expect(run.stdout + run.stderr).not.toContain(secret);
    });

    it("exits 2 with one line when no token can be had", async () => {
      const run = await runContractLive({
        ...credentials,
        ENGAGIFII_BASE_URL: upstream.url,
        ENGAGIFII_TOKEN_URL: "http://127.0.0.1:9/oauth/token",
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^contract:live: could not run: ConnectionError: [^\n]+\n$/);
      expect(run.stdout + run.stderr).not.toContain(secret);
    });
  });

  describe("against the mock as a live API in the live API's shape", () => {
    let upstream: MockServer;
    beforeAll(async () => {
      upstream = await startMockServer({ spec: liveShapedOpenApi3 });
    });
    afterAll(() => upstream?.stop());

    it("lists with POST …/PagingList, reads the first item and its nested lists, and reports them as matching", async () => {
      const run = await runContractLive({ ...credentials, ENGAGIFII_BASE_URL: upstream.url }, liveShapedOpenApi3);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
      for (const [operationId, request] of [
        ["Person_PagingList", "POST /api/Person/PagingList"],
        ["Person_GetById", `GET /api/Person/${uuid}`],
        ["Organization_PagingList", "POST /api/Organization/PagingList"],
        ["Organization_GetById", `GET /api/Organization/${uuid}`],
        ["Organization_PersonPagingList", `POST /api/Organization/${uuid}/Person/PagingList`],
        ["Committee_PagingList", "POST /api/Committee/PagingList"],
        ["Committee_GetById", `GET /api/Committee/${uuid}`],
        ["Committee_MemberPagingList", `POST /api/Committee/${uuid}/Member/PagingList`],
      ]) {
        expect(run.stdout).toMatch(new RegExp(`^${operationId} +${request} +200 +none$`, "m"));
      }
      expect(run.stdout).toContain("contract:live: 8 operations match the spec");
      expect(run.stdout + run.stderr).not.toContain(secret);
    });
  });

  describe("against an API that breaks the spec", () => {
    let upstream: Server;
    let url: string;
    beforeAll(async () => {
      // People break the spec (no lastName, a string totalCount); so does one organization (no parentId).
      const routes: [RegExp, unknown][] = [
        [/^\/oauth\/token$/, { access_token: "token", token_type: "Bearer", expires_in: 3600, scope: "api:read" }],
        [
          /^\/api\/v1\/people\b/,
          page([{ id: personId, firstName: "Jane", email: "jane@example.com", createdDate, isActive: true }], "1"),
        ],
        [
          /^\/api\/v1\/organizations\?/,
          page([{ id: "org-acme", name: "Acme", type: "Company", parentId: null, createdDate }]),
        ],
        [/^\/api\/v1\/organizations\/org-acme$/, { id: "org-acme", name: "Acme", type: "Company", createdDate }],
        [/./, page([])],
      ];
      upstream = createServer((request, response) => {
        const body = routes.find(([pattern]) => pattern.test(request.url ?? ""))?.[1];
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify(body));
      });
      await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
      const address = upstream.address();
      url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    });
    afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

    it("lists each difference in the table and exits 1", async () => {
      const run = await runContractLive({ ...credentials, ENGAGIFII_BASE_URL: url });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^listPeople .* 500 +response\.body\.data\.0: .*'lastName'$/m);
      expect(run.stdout).toMatch(/^listPeople .* 500 +response\.body\.totalCount: .*integer$/m);
      expect(run.stdout).toMatch(/^getPerson +- +- +skipped: listPeople returned no page$/m);
      expect(run.stdout).toMatch(/^listOrganizations .* 200 +none$/m);
      expect(run.stdout).toMatch(/^getOrganization .* 500 +response\.body: .*'parentId'$/m);
      expect(run.stdout).toMatch(/^getCommittee +- +- +skipped: listCommittees returned no items$/m);
      expect(run.stdout).toContain("contract:live: 2 of 5 operations differ from the spec, 3 skipped");
      expect(run.stdout + run.stderr).not.toContain(secret);
    });
  });
});
