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
const headers = { authorization: "Bearer t", "tenant-code": "bench" };
const bare = baseClient({ baseUrl: "https://api.bench.local", fetch: stub, headers });
const v = process.argv[2] ?? "";
const wrapped = wrapClient({
  baseUrl: "https://api.bench.local",
  headers,
  fetch: (request: Request) => {
    if (v === "set") request.headers.set("x-correlation-id", crypto.randomUUID());
    return stub(request, { signal: new AbortController().signal });
  },
});
const a = { name: "bare", run: () => bare.GET("/api/v1/people", { params: { query } }) };
const b =
  v === "init"
    ? {
        name: v,
        run: () =>
          wrapped.GET("/api/v1/people", { params: { query }, headers: { "x-correlation-id": crypto.randomUUID() } }),
      }
    : v === "uuid"
      ? {
          name: v,
          run: () => {
            crypto.randomUUID();
            return wrapped.GET("/api/v1/people", { params: { query } });
          },
        }
      : { name: v, run: () => wrapped.GET("/api/v1/people", { params: { query } }) };
await warmUp([a, b], 800);
const r = await pairedRatio(a, b, { quartets: 6, sliceMs: 150 });
console.log(`x ${v} ${r.ratio.toFixed(3)}`);
