// The generator on a document in the live API's shape (scripts/test/fixtures/live-shaped-openapi3.yaml:
// Swashbuckle style, no examples, POST …/PagingList lists, tenant-code as a header parameter,
// text/plain listed before application/json), independent of what specs/ holds.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type MockServer, startMockServer } from "@engagifii/crm-mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePostmanFiles, type PostmanFiles } from "../src/generate-collection.js";
import { specPath } from "../src/paths.js";
import { credentials, expectEveryRequestToSucceed, type Folder } from "./run-newman.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../scripts/test/fixtures/${name}`, import.meta.url));
const liveShaped = fixture("live-shaped-openapi3.yaml");

type Node = Record<string, unknown>;
type Item = { name: string; request: Node; event?: Array<{ listen: string; script: { exec: string[] } }> };

let files: PostmanFiles;
beforeAll(async () => {
  files = await generatePostmanFiles(await readFile(liveShaped, "utf8"));
});

const folders = () => files.collection.item as Array<Folder & { item: Item[] }>;
const request = (name: string) => {
  const item = folders()
    .flatMap((folder) => folder.item)
    .find((candidate) => candidate.name === name);
  if (item === undefined) throw new Error(`no request named ${name}`);
  return item;
};

describe("a collection generated from a document without examples", () => {
  it("is the same every time, whatever was converted before", async () => {
    await generatePostmanFiles(await readFile(specPath, "utf8"));
    const again = await generatePostmanFiles(await readFile(liveShaped, "utf8"));
    expect(JSON.stringify(again)).toBe(JSON.stringify(files));
  });

  it("names records through record variables, which creates set and deletes clear", () => {
    const variables = (name: string) => (request(name).request.url as { variable: Node[] }).variable;
    expect(variables("Committee Get By Id")).toMatchObject([{ key: "id", value: "{{Committee.id}}" }]);
    expect(variables("Committee Remove Member")).toMatchObject([
      { key: "committeeId", value: "{{Committee.id}}" },
      { key: "personId", value: "{{Committee.Member.personId}}" },
    ]);
    // A membership added by a PUT without a body links people: its parameter names a person.
    expect(variables("Organization Add Person")).toMatchObject([
      { key: "organizationId", value: "{{Organization.id}}" },
      { key: "personId", value: "{{Person.id}}" },
    ]);
    const script = (name: string) => request(name).event?.find((event) => event.listen === "test")?.script.exec;
    expect(script("Committee Create")?.join("\n")).toContain('pm.collectionVariables.set("Committee.id"');
    expect(script("Committee Add Member")?.join("\n")).toContain(
      'pm.collectionVariables.set("Committee.Member.personId"',
    );
    expect(script("Committee Delete")?.join("\n")).toContain('pm.collectionVariables.unset("Committee.id")');
    expect(script("Organization Remove Person")).toBeUndefined();
  });

  it("asks lists for their first page, sends JSON's Accept, and leaves tenant-code to the collection", () => {
    const list = request("Committee Paging List").request;
    expect(JSON.parse(String((list.body as Node).raw))).toMatchObject({ pageNumber: 1, itemCount: 50 });
    const headers = (list.header as Node[]).map((header) => [String(header.key).toLowerCase(), header.value]);
    expect(headers).toContainEqual(["accept", "application/json"]);
    expect(headers.map(([key]) => key)).not.toContain("tenant-code");
  });
});

describe("that collection, run by newman against the sandbox on the same document", () => {
  let sandbox: MockServer;
  beforeAll(async () => {
    sandbox = await startMockServer({ spec: liveShaped, stateful: true, ...credentials });
  });
  afterAll(() => sandbox?.stop());

  it("answers every request of every folder with a 2xx", async () => {
    expect(folders().map((folder) => folder.name)).toEqual(["Person", "Organization", "Committee"]);
    await expectEveryRequestToSucceed(files.collection, files.environment, folders(), sandbox);
  });
});

describe("a collection generated from a document without an OAuth2 scheme", () => {
  it("gets its token where the client and the mock assume one: /oauth/token on the base URL", async () => {
    const { environment } = await generatePostmanFiles(await readFile(fixture("swashbuckle-openapi3.yaml"), "utf8"));
    expect(environment.values).toContainEqual(
      expect.objectContaining({ key: "tokenUrl", value: "{{baseUrl}}/oauth/token" }),
    );
  });
});
