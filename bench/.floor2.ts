// Scratch: what a conforming wrapper must cost, on bare openapi-fetch (stubbed fetch). Not committed.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { nextTick, overheadBody, overheadPageSize } from "./src/fixtures.js";
import { pairedRatio, warmUp } from "./src/measure.js";

const ofPath = createRequire(import.meta.url)
  .resolve("openapi-fetch")
  .replace(/index\.cjs$/, "index.mjs");
const baseClient = (await import(pathToFileURL(ofPath).href + "?a")).default;
const wrapClient = (await import(pathToFileURL(ofPath).href + "?b")).default;
const stub = async (_r?: unknown, _i?: unknown) => {
  await nextTick();
  return Response.json(overheadBody);
};
const query = { pageIndex: 0, pageSize: overheadPageSize };
const bare = baseClient({
  baseUrl: "https://api.bench.local",
  fetch: stub,
  headers: { authorization: "Bearer t", "tenant-code": "bench" },
});
const v = process.argv[2] ?? "";
const wrapped = wrapClient({
  baseUrl: "https://api.bench.local",
  fetch: async (request: Request) => {
    if (v.includes("h")) {
      request.headers.set("x-correlation-id", crypto.randomUUID());
    }
    if (v.includes("a")) {
      const c = new AbortController();
      return stub(request, { signal: c.signal });
    }
    return stub(request);
  },
  headers: { authorization: "Bearer t", "tenant-code": "bench" },
});
const a = { name: "bare", run: () => bare.GET("/api/v1/people", { params: { query } }) };
const b = { name: v, run: () => wrapped.GET("/api/v1/people", { params: { query } }) };
await warmUp([a, b], 800);
const r = await pairedRatio(a, b, { quartets: 8, sliceMs: 150 });
console.log(`x ${v} ${r.ratio.toFixed(3)}`);
