import createClient from "openapi-fetch";
import { nextTick, overheadBody, overheadPageSize } from "./src/fixtures.js";
import { pairedRatio, warmUp } from "./src/measure.js";

const stub = async (_r?: unknown, _i?: unknown) => {
  await nextTick();
  return Response.json(overheadBody);
};
const query = { pageIndex: 0, pageSize: overheadPageSize };
const headers = { authorization: "Bearer bench-token", "tenant-code": "bench" };
const bare = createClient<any>({ baseUrl: "https://api.bench.local", fetch: stub, headers });
const variant = process.argv[2];
const wm = new WeakMap();
const wrapped = createClient<any>({
  baseUrl: "https://api.bench.local",
  headers: { "tenant-code": "bench" },
  fetch: async (request: Request) => {
    if (variant.includes("h")) {
      request.headers.get("tenant-code");
      request.headers.get("x-correlation-id");
      request.headers.set("x-correlation-id", crypto.randomUUID());
      request.headers.set("authorization", "Bearer bench-token");
    }
    let c: AbortController | undefined;
    let t: any;
    if (variant.includes("a")) {
      c = new AbortController();
      t = setTimeout(() => c!.abort(), 30000);
    }
    try {
      const r = await stub(request, c ? { signal: c.signal } : undefined);
      const body = await r.text();
      wm.set(r, { body, a: 1, b: 2, c: 3 });
      return r;
    } finally {
      if (t) clearTimeout(t);
    }
  },
});
const a = { name: "bare", run: () => bare.GET("/api/v1/people", { params: { query } }) };
const b = {
  name: "wrapped",
  run: async () => {
    const res = await wrapped.GET("/api/v1/people", { params: { query }, parseAs: "stream" });
    res.data = JSON.parse(wm.get(res.response).body);
    return res;
  },
};
await warmUp([a, b], 800);
const r = await pairedRatio(a, b, { quartets: 12, sliceMs: 150 });
console.log(
  variant,
  `ratio ${r.ratio.toFixed(3)} cpu ${r.cpuRatio.toFixed(3)} A ${r.a.cpuMicrosecondsPerOp.toFixed(1)}µs B ${r.b.cpuMicrosecondsPerOp.toFixed(1)}µs`,
);
