import { once } from "node:events";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ChildOutput } from "../child-output.js";
import { pullSpec } from "../spec/pull-spec.js";
import { runScript } from "./run-tsx.js";

const fixturesDir = fileURLToPath(new URL("./fixtures/", import.meta.url));
const fixture = (name: string) => join(fixturesDir, name);

const SWAGGER2 = fixture("swashbuckle-swagger2.yaml");
const UNORDERED = fixture("unordered-openapi3.yaml");
const SENTINEL = "# the spec that was here before the failed pull\nopenapi: 3.0.3\n";

let work: string;
let server: Server;
let baseUrl: string;
let closedPortUrl: string;

/** Serves the fixtures the way the live API would (JSON), plus YAML, a 500 and a request that never answers. */
async function startFixtureServer(): Promise<Server> {
  const swaggerYaml = await readFile(SWAGGER2, "utf8");
  const unorderedYaml = await readFile(UNORDERED, "utf8");
  const routes: Record<string, { status: number; type: string; body: string }> = {
    "/swagger/v1/swagger.json": { status: 200, type: "application/json", body: JSON.stringify(parse(swaggerYaml)) },
    "/swagger/v1/swagger.yaml": { status: 200, type: "application/yaml", body: swaggerYaml },
    "/unordered.json": { status: 200, type: "application/json", body: JSON.stringify(parse(unorderedYaml), null, 2) },
    "/unordered.yaml": { status: 200, type: "application/yaml", body: unorderedYaml },
    "/broken": { status: 500, type: "text/plain", body: "Internal Server Error" },
  };
  const fixtureServer = createServer((request, response) => {
    if (request.url === "/hang") return; // never answers: exercises the timeout
    const route = routes[request.url ?? ""] ?? { status: 404, type: "text/plain", body: "Not Found" };
    response.writeHead(route.status, { "content-type": route.type }).end(route.body);
  });
  fixtureServer.listen(0, "127.0.0.1");
  await once(fixtureServer, "listening");
  return fixtureServer;
}

/** A URL on a port that nothing listens on: bind port 0, note the port, close. */
async function unusedPortUrl(): Promise<string> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}/swagger/v1/swagger.json`;
}

function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ChildOutput> {
  return runScript("spec-pull.ts", args, { INIT_CWD: work, ...env });
}

async function pull(from: string, outName: string) {
  const out = join(work, outName);
  const result = await pullSpec({ from, out, env: {} });
  return { result, text: await readFile(out, "utf8") };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "spec-pull-"));
  server = await startFixtureServer();
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closedPortUrl = await unusedPortUrl();
  await writeFile(join(work, "unparsable.yaml"), "openapi: 3.0.3\npaths: [\n  - {\n");
  await writeFile(join(work, "swagger12.json"), '{"swaggerVersion": "1.2", "swagger": "1.2"}');
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(work, { recursive: true, force: true });
});

describe("pullSpec", () => {
  it("converts a Swashbuckle Swagger 2.0 document to OpenAPI 3", async () => {
    const { result, text } = await pull(`${baseUrl}/swagger/v1/swagger.json`, "converted.yaml");
    expect(result).toMatchObject({ converted: true, changed: true, title: "Engagifii CRM API", operationCount: 6 });
    expect(result.openapiVersion).toMatch(/^3\.0\.\d+$/);

    const document = parse(text);
    expect(document.swagger).toBeUndefined();
    expect(document.definitions).toBeUndefined();
    expect(Object.keys(document.components.schemas)).toEqual([
      "Error",
      "Organization",
      "Person",
      "PersonCreate",
      "PersonPage",
      "TokenResponse",
    ]);
    expect(document.components.securitySchemes.Bearer).toMatchObject({ type: "apiKey", in: "header" });
    expect(document.paths["/api/v1/People"].get.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/PersonPage",
    });
    expect(document.paths["/api/v1/People"].post.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/PersonCreate",
    });
    const tokenBody = document.paths["/api/v1/Auth/token"].post.requestBody;
    expect(tokenBody.content["application/x-www-form-urlencoded"].schema.required).toEqual([
      "grant_type",
      "client_id",
      "client_secret",
    ]);
  });

  it("gives the same bytes from JSON and from YAML, over HTTP or from a file", async () => {
    for (const [name, json, yaml, file] of [
      ["swagger2", "/swagger/v1/swagger.json", "/swagger/v1/swagger.yaml", SWAGGER2],
      ["openapi3", "/unordered.json", "/unordered.yaml", UNORDERED],
    ] as const) {
      const fromJson = await pull(`${baseUrl}${json}`, `${name}-json.yaml`);
      const fromYaml = await pull(`${baseUrl}${yaml}`, `${name}-yaml.yaml`);
      const fromFile = await pull(file, `${name}-file.yaml`);
      expect(fromYaml.text, name).toBe(fromJson.text);
      expect(fromFile.text, name).toBe(fromJson.text);
    }
  });

  it("is deterministic and a fixed point: pulling again, or pulling its own output, changes nothing", async () => {
    for (const source of [SWAGGER2, UNORDERED]) {
      const first = await pull(source, "twice.yaml");
      const second = await pull(source, "twice.yaml");
      expect(second.result.changed).toBe(false);
      expect(second.text).toBe(first.text);

      const again = await pull(join(work, "twice.yaml"), "self.yaml");
      expect(again.text).toBe(first.text);
      const inPlace = await pullSpec({ from: join(work, "self.yaml"), out: join(work, "self.yaml"), env: {} });
      expect(inPlace.changed).toBe(false);
    }
  });

  it("orders keys canonically and loses nothing", async () => {
    const { text } = await pull(UNORDERED, "ordered.yaml");
    const document = parse(text);
    expect(Object.keys(document)).toEqual([
      "openapi",
      "info",
      "security",
      "tags",
      "paths",
      "components",
      "x-generator",
    ]);
    expect(Object.keys(document.paths)).toEqual(["/api/v1/committees", "/api/v1/people", "/api/v1/people/{id}"]);
    expect(Object.keys(document.paths["/api/v1/people"])).toEqual(["parameters", "get", "post"]);
    expect(Object.keys(document.paths["/api/v1/people/{id}"])).toEqual(["get", "patch"]);
    expect(Object.keys(document.components)).toEqual(["schemas", "parameters", "securitySchemes"]);
    expect(Object.keys(document.components.schemas)).toEqual(["Person", "PersonUpdate"]);
    // Inside a schema the author's order stays.
    expect(Object.keys(document.components.schemas.PersonUpdate.properties)).toEqual(["lastName", "firstName"]);

    // Same content, key order aside: multi-line and long strings, look-alike scalars, tabs and unicode survive.
    expect(document).toStrictEqual(parse(await readFile(UNORDERED, "utf8")));
    expect(text).toContain("      summary: A summary that is deliberately very long so that a YAML writer");
    expect(text.endsWith("\n")).toBe(true);
  });

  it.for([
    ["unparsable YAML", "unparsable.yaml", /cannot parse .*unparsable\.yaml: /],
    ["a missing file", "nope.yaml", /cannot read .*nope\.yaml: no such file/],
    ["Swagger 1.2", "swagger12.json", /unsupported Swagger version "1\.2"/],
  ] as const)("rejects %s and leaves the output untouched", async ([, source, reason]) => {
    const out = join(work, "untouched.yaml");
    await writeFile(out, SENTINEL);
    await expect(pullSpec({ from: join(work, source), out, env: {} })).rejects.toThrow(reason);
    expect(await readFile(out, "utf8")).toBe(SENTINEL);
  });

  it("gives up when the server does not answer in time", async () => {
    const out = join(work, "timeout.yaml");
    await expect(pullSpec({ from: `${baseUrl}/hang`, out, timeoutMs: 200, env: {} })).rejects.toThrow(
      /no response within 0\.2 s/,
    );
  });
});

describe("spec-pull CLI", () => {
  it("prints help", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: pnpm spec:pull/);
  }, 30_000);

  it("resolves a relative --from against INIT_CWD, prints one line, and reports an unchanged re-pull", async () => {
    const env = { INIT_CWD: fixturesDir };
    const out = join(work, "cli.yaml");
    const first = await runCli(["--from", "swashbuckle-swagger2.yaml", "--out", out], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^spec:pull: .*cli\.yaml updated from .*swashbuckle-swagger2\.yaml \(.*6 operations.*\)\n$/,
    );
    const second = await runCli(["--from", "swashbuckle-swagger2.yaml", "--out", out], env);
    expect(second.stdout).toMatch(/^spec:pull: .* unchanged from /);
  }, 30_000);

  it("reads ENGAGIFII_SPEC_URL when --from is not given", async () => {
    const { code, stdout } = await runCli(["--out", "from-env.yaml"], {
      ENGAGIFII_SPEC_URL: `${baseUrl}/unordered.json`,
    });
    expect(code).toBe(0);
    expect(stdout).toContain(`from ${baseUrl}/unordered.json`);
    expect(parse(await readFile(join(work, "from-env.yaml"), "utf8")).info.title).toBe("Normaliser fixture");
  }, 30_000);

  const failures: [string, () => string[], RegExp][] = [
    ["a document without paths", () => ["--from", fixture("missing-paths.yaml")], /"paths" is missing/],
    ["a broken path item", () => ["--from", fixture("broken-path-item.yaml")], /invalid OpenAPI document: .*#\/paths/],
    ["an unreachable URL", () => ["--from", closedPortUrl], /cannot fetch .*ECONNREFUSED/],
    ["an HTTP 500", () => ["--from", `${baseUrl}/broken`], /returned HTTP 500/],
    ["an unknown option", () => ["--form", "x"], /Unknown option '--form'.*\(see --help\)/],
  ];

  // Each case spawns tsx (about a second of start-up), so they run side by side, each with its own output file.
  it.concurrent.for(failures)(
    "fails on %s with one line, exit 1, and the output untouched",
    { timeout: 30_000 },
    async (failure, { expect }) => {
      const [name, args, reason] = failure;
      const out = join(work, `existing-${name.replaceAll(" ", "-")}.yaml`);
      await writeFile(out, SENTINEL);

      const { code, stdout, stderr } = await runCli([...args(), "--out", out]);

      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^spec:pull: [^\n]+\n$/);
      expect(stderr).toMatch(reason);
      expect(await readFile(out, "utf8")).toBe(SENTINEL);
      expect((await readdir(work)).filter((file) => file.includes(".tmp-"))).toEqual([]);
    },
  );
});
