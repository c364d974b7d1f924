// Scratch: A/B the client built from src against bare openapi-fetch, stubbed fetch. Not committed.

import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import { nextTick, overheadBody, overheadPageSize } from "./src/fixtures.js";
import { pairedRatio, warmUp } from "./src/measure.js";

const out = `${process.cwd()}/.quick-out/client-${process.pid}.mjs`;
await build({
  entryPoints: ["../packages/client/src/index.ts"],
  bundle: true,
  format: "esm",
  platform: "node",
  target: "es2022",
  outfile: out,
  external: ["openapi-fetch"],
  logLevel: "silent",
});
const { createCrmClient } = await import(pathToFileURL(out).href);
const stub = async () => {
  await nextTick();
  return Response.json(overheadBody);
};
const query = { pageIndex: 0, pageSize: overheadPageSize };
const headers = { authorization: "Bearer bench-token", "tenant-code": "bench" };
const bare = createClient({ baseUrl: "https://api.bench.local", fetch: stub, headers });
const crm = createCrmClient({
  baseUrl: "https://api.bench.local",
  tenantCode: "bench",
  accessToken: "bench-token",
  fetch: stub,
  env: {},
  rateLimit: false,
});
const a = { name: "bare", run: () => bare.GET("/api/v1/people", { params: { query } }) };
const b = { name: "crm", run: () => crm.GET("/api/v1/people", { params: { query } }) };
const r = await b.run();
if (r.data?.data?.length !== overheadPageSize) throw new Error("bad");
await warmUp([a, b], 800);
const q = Number(process.argv[2] ?? 8);
const result = await pairedRatio(a, b, { quartets: q, sliceMs: 150 });
console.log(
  `ratio ${result.ratio.toFixed(3)} cpu ${result.cpuRatio.toFixed(3)} bare ${result.a.cpuMicrosecondsPerOp.toFixed(1)}µs crm ${result.b.cpuMicrosecondsPerOp.toFixed(1)}µs added ${(1e6 / result.b.opsPerSecond - 1e6 / result.a.opsPerSecond).toFixed(1)}µs`,
);
