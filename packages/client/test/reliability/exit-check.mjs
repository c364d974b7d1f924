// Run by fault-matrix.test.ts in a child process: `node exit-check.mjs <path to dist/index.js>`.
// It drives the BUILT client through the faults most likely to leave a timer or a socket behind
// (hangs, trickling bodies, resets, long Retry-After waits, a queued rate-limiter wait), closes
// its own server, prints the outcomes as JSON and then does nothing: it never calls
// process.exit. If any timer or socket outlived its request, the process would stay alive and
// the parent would see it run past its deadline.
import { randomBytes } from "node:crypto";
import http from "node:http";
import { pathToFileURL } from "node:url";

const [distPath] = process.argv.slice(2);
if (!distPath) {
  console.error("usage: node exit-check.mjs <path to the built dist/index.js>");
  process.exitCode = 2;
} else {
  await main(distPath);
}

async function main(path) {
  const { createCrmClient, Paginator, pageIndexStrategy, unwrap } = await import(pathToFileURL(path).href);
  if (typeof createCrmClient !== "function" || typeof Paginator !== "function" || typeof unwrap !== "function")
    throw new Error(`${path} is not the client`);
  const clientSecret = `exit-check-${randomBytes(8).toString("hex")}`;
  const counters = new Map();

  const server = http.createServer(async (request, response) => {
    for await (const _chunk of request);
    const url = new URL(request.url ?? "/", "http://localhost");
    const seen = (counters.get(url.pathname) ?? 0) + 1;
    counters.set(url.pathname, seen);
    const json = (status, body, headers = {}) => {
      const text = JSON.stringify(body);
      response.writeHead(status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
        ...headers,
      });
      response.end(text);
    };
    const person = {
      id: "00000000-0000-4000-8000-000000000001",
      firstName: "A",
      lastName: "B",
      email: "a@example.com",
    };
    switch (url.pathname) {
      case "/oauth/token":
        return json(200, {
          access_token: `token-${randomBytes(8).toString("hex")}`,
          token_type: "Bearer",
          expires_in: 3600,
        });
      case "/api/v1/people/00000000-0000-4000-8000-0000000000aa": // hang
        return;
      case "/api/v1/people": {
        if (request.method === "POST") return; // hang
        const pageIndex = Number(url.searchParams.get("pageIndex") ?? 0);
        const data = Array.from({ length: 10 }, (_, i) => ({
          ...person,
          id: `00000000-0000-4000-8000-${String(pageIndex * 10 + i).padStart(12, "0")}`,
        }));
        return json(200, { data, totalCount: 100, pageIndex, pageSize: 10 });
      }
      case "/api/v1/people/00000000-0000-4000-8000-0000000000bb": {
        // slow body
        response.writeHead(200, { "content-type": "application/json", "content-length": 1000 });
        const timer = setInterval(() => response.write(" "), 50);
        response.on("close", () => clearInterval(timer));
        return;
      }
      case "/api/v1/people/00000000-0000-4000-8000-0000000000cc": // reset
        return response.socket?.resetAndDestroy();
      case "/api/v1/people/00000000-0000-4000-8000-0000000000dd": // 503 once, then fine
        return seen === 1 ? json(503, { status: 503 }, { "retry-after-ms": "1" }) : json(200, person);
      case "/api/v1/people/00000000-0000-4000-8000-0000000000ee": // a long Retry-After
        return json(503, { status: 503 }, { "retry-after": "30" });
      case "/api/v1/people/00000000-0000-4000-8000-0000000000ff":
        return json(429, { status: 429 }, { "retry-after": "3600" });
      default:
        return json(200, person);
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  // This server's own token path, not the document's default, which a spec swap changes.
  const tokenUrl = `${baseUrl}/oauth/token`;
  const options = {
    baseUrl,
    tokenUrl,
    clientId: "exit-check",
    clientSecret,
    tenantCode: "acme",
    env: {},
    logLevel: "off",
  };
  // A 30 s attempt timeout: a timer that outlived its attempt would keep this process alive for 30 s.
  const patient = createCrmClient({ ...options, timeoutMs: 30_000, maxRetries: 1, rateLimit: false });
  const impatient = createCrmClient({ ...options, timeoutMs: 200, maxRetries: 1, rateLimit: false });
  // Its own client: a 429 pauses every request of the client that got it, for up to a minute.
  const rateLimited = createCrmClient({ ...options, timeoutMs: 200, rateLimit: false });
  const limited = createCrmClient({ ...options, timeoutMs: 30_000, rateLimit: { requests: 1, intervalMs: 60_000 } });
  const id = (suffix) => `00000000-0000-4000-8000-0000000000${suffix}`;

  const abortAfter = (ms) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), ms);
    return controller.signal;
  };
  const outcome = (promise) =>
    promise.then(
      () => "success",
      (error) => error?.name ?? String(error),
    );

  // This server's own paths, through the raw calls (the helpers follow the document, which a spec swap changes).
  const person = "/api/v1/people/{personId}";
  const get = (client, suffix, init = {}) =>
    client.GET(person, { params: { path: { personId: id(suffix) } }, ...init }).then(unwrap);

  const started = Date.now();
  await get(limited, "01"); // takes the only slot of the next 60 s
  const outcomes = Object.fromEntries(
    await Promise.all(
      Object.entries({
        "success (30 s timeout)": () => get(patient, "01"),
        "503 then success (30 s timeout)": () => get(patient, "dd"),
        "hang (GET)": () => get(impatient, "aa"),
        "hang (POST)": () =>
          impatient
            .POST("/api/v1/people", { body: { firstName: "A", lastName: "B", email: "a@example.com" } })
            .then(unwrap),
        "slow body": () => get(impatient, "bb"),
        reset: () => get(impatient, "cc"),
        "caller abort during a 30 s Retry-After": () => get(patient, "ee", { signal: abortAfter(300) }),
        "caller abort while queued in the rate limiter (60 s)": () => get(limited, "01", { signal: abortAfter(100) }),
        "429 with Retry-After: 3600": () => get(rateLimited, "ff"),
        "paginate (concurrency 4), stop after 1 item": () =>
          patient
            .paginateWith(
              pageIndexStrategy(),
              "/api/v1/people",
              { params: { query: { pageSize: 10 } } },
              { concurrency: 4 },
            )
            .toArray({ max: 1 }),
      }).map(async ([name, run]) => [name, await outcome(run())]),
    ),
  );
  const workMs = Date.now() - started;
  await new Promise((resolve) => {
    server.close(resolve);
    server.closeAllConnections();
  });
  process.stdout.write(`${JSON.stringify({ outcomes, workMs })}\n`);
  // Nothing more: the process must now exit by itself.
}
