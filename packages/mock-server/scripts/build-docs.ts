// `pnpm run docs` (root): the same Swagger UI page /docs serves, built as static files next to the
// TypeDoc reference. "Try it out" there calls the document's servers, or a local sandbox.
// Usage: tsx scripts/build-docs.ts [output folder, default ../../docs/api/http-api]
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultSpecPath } from "../src/default-spec-path.js";
import { readDocument } from "../src/docs/docs-document.js";
import { docsAssets, docsPage, swaggerUiFolder } from "../src/docs/docs-page.js";

const output = resolve(process.argv[2] ?? fileURLToPath(new URL("../../../docs/api/http-api", import.meta.url)));
const document = await readDocument(defaultSpecPath());
const servers = Array.isArray(document.servers) ? document.servers : [];
document.servers = [
  ...servers,
  { url: "http://127.0.0.1:4010", description: "Local sandbox: npx engagifii-crm-mock --stateful" },
];
const title = (document.info as { title?: string } | undefined)?.title ?? "API";

await mkdir(output, { recursive: true });
await writeFile(join(output, "index.html"), docsPage({ title, documentUrl: "./openapi.json" }));
await writeFile(join(output, "openapi.json"), `${JSON.stringify(document, null, 2)}\n`);
for (const asset of docsAssets) await copyFile(join(swaggerUiFolder(), asset), join(output, asset));
process.stdout.write(`build-docs: wrote the HTTP API reference to ${output}/index.html\n`);
