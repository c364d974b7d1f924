import { gzipSync } from "node:zlib";
import { build } from "esbuild";

for (const contents of [
  'export { createCrmCoreClient } from "../packages/client/src/index.ts";',
  'export { createCrmClient } from "../packages/client/src/index.ts";',
  'export * from "../packages/client/src/index.ts";',
]) {
  const r = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    external: ["openapi-fetch", "@engagifii/crm-types"],
    write: false,
    logLevel: "silent",
  });
  const t = r.outputFiles[0].text;
  console.log(
    contents.slice(0, 40),
    t.length,
    gzipSync(r.outputFiles[0].contents, { level: 9 }).length,
    ["/api/v1/committees", "addMember"].filter((m) => t.includes(m)),
  );
}
