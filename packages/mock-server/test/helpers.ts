import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tokenMetadata } from "@engagifii/crm-types";
import { parse } from "yaml";

export const packageDirectory = fileURLToPath(new URL("..", import.meta.url));

export const cliPath = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

export const pingSpec = fileURLToPath(new URL("./fixtures/ping.openapi.yaml", import.meta.url));

export const bearer = { authorization: "Bearer x", "tenant-code": "acme", accept: "application/json" };

export const personId = "123e4567-e89b-12d3-a456-426614174000";

export const liveShapedSpec = fileURLToPath(new URL("./fixtures/live-shaped.openapi.yaml", import.meta.url));

/** A client-credentials token from a sandbox's token endpoint. */
export async function sandboxToken(tokenUrl: string, clientId = "test", clientSecret = "test"): Promise<string> {
  const response = await fetch(tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
  });
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

const scriptsFixture = (name: string) =>
  fileURLToPath(new URL(`../../../scripts/test/fixtures/${name}`, import.meta.url));

/** The repository's live-shaped fixtures: Swashbuckle-like, no examples, POST …/PagingList lists. */
export const liveShapedOpenApi3 = scriptsFixture("live-shaped-openapi3.yaml");
export const liveShapedSwagger2 = scriptsFixture("live-shaped-swagger2.yaml");

/** Our document, as committed in specs/: whatever API document the repository holds today. */
export const repositorySpec = fileURLToPath(new URL("../../../specs/engagifii-crm.openapi.yaml", import.meta.url));

/** A frozen copy of our guide's document, for tests of the mock's own behaviour (see the file's header). */
export const guideSpec = fileURLToPath(new URL("./fixtures/guide.openapi.yaml", import.meta.url));

/** The path of the token URL of the document in specs/, from the generated metadata (the mock's fallback without one). */
export const repositoryTokenPath = tokenPathOf(tokenMetadata.tokenUrl);

function tokenPathOf(tokenUrl: string | undefined): string {
  return new URL(tokenUrl ?? "/oauth/token", "http://document.invalid").pathname;
}

/** Writes a copy of a YAML/JSON document without any `example` or `examples`, and returns its path. */
export async function withoutExamples(spec: string): Promise<string> {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (typeof node !== "object" || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).flatMap(([key, value]) =>
        key === "example" || key === "examples" ? [] : [[key, strip(value)]],
      ),
    );
  };
  const folder = await mkdtemp(join(tmpdir(), "mock-no-examples-"));
  const path = join(folder, "document.json");
  await writeFile(path, JSON.stringify(strip(parse(await readFile(spec, "utf8")))));
  return path;
}

/** A client-credentials token and the headers an API call needs, from a mock's token endpoint. */
export async function apiHeaders(tokenUrl: string): Promise<Record<string, string>> {
  const token = await sandboxToken(tokenUrl);
  return { authorization: `Bearer ${token}`, "tenant-code": "acme", "content-type": "application/json" };
}
