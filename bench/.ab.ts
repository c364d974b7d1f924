// Scratch: A/B two builds of the client from src (e.g. a git worktree vs the working tree), stubbed fetch. Not committed.

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const ofPath = createRequire(import.meta.url)
  .resolve("openapi-fetch")
  .replace(/index\.cjs$/, "index.mjs");
const createClient = process.env.SEPARATE
  ? (await import(pathToFileURL(ofPath).href + "?baseline")).default
  : (await import("openapi-fetch")).default;

import { nextTick, overheadBody, overheadPageSize } from "./src/fixtures.js";
import { pairedRatio, warmUp } from "./src/measure.js";

async function load(src: string, tag: string) {
  const out = `${process.cwd()}/.quick-out/${tag}-${process.pid}.mjs`;
  await build({
    entryPoints: [src],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "es2022",
    outfile: out,
    external: ["openapi-fetch"],
    logLevel: "silent",
  });
  return (await import(pathToFileURL(out).href)).createCrmClient;
}
const [srcA, srcB, quartets] = process.argv.slice(2);

import { spawnServer } from "./src/spawn-server.js";

const server = process.env.LOOP ? await spawnServer({ kind: "people" }) : undefined;
const stub = server
  ? fetch
  : async () => {
      await nextTick();
      return Response.json(overheadBody);
    };
const base = server?.url ?? "https://api.bench.local";
const query = { pageIndex: 0, pageSize: overheadPageSize };
const opts = { baseUrl: base, tenantCode: "bench", accessToken: "bench-token", fetch: stub, env: {}, rateLimit: false };
const mk = (factory: any, name: string) => {
  const c = factory(opts);
  return { name, run: () => c.GET("/api/v1/people", { params: { query } }) };
};
const bare = createClient({
  baseUrl: base,
  fetch: stub,
  headers: { authorization: "Bearer bench-token", "tenant-code": "bench" },
});
const a =
  srcA === "bare"
    ? { name: "bare", run: () => bare.GET("/api/v1/people", { params: { query } }) }
    : mk(await load(srcA, "a"), "A");
const bare2 = createClient({
  baseUrl: base,
  fetch: stub,
  headers: { authorization: "Bearer bench-token", "tenant-code": "bench" },
});
const b =
  srcB === "bare"
    ? { name: "bare2", run: () => bare2.GET("/api/v1/people", { params: { query } }) }
    : mk(await load(srcB, "b"), "B");
await warmUp([a, b], 800);
const r = await pairedRatio(a, b, { quartets: Number(quartets ?? 12), sliceMs: Number(process.env.SLICE ?? 150) });
await server?.close();
console.log(
  `B/A ratio ${r.ratio.toFixed(3)} cpu ${r.cpuRatio.toFixed(3)} A ${r.a.cpuMicrosecondsPerOp.toFixed(1)}µs B ${r.b.cpuMicrosecondsPerOp.toFixed(1)}µs`,
);
