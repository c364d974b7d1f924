// A stand-in for the live API on fixtures/live-shaped-openapi3.yaml, in its shape (see that file for
// where the shape comes from): the IdentityServer token endpoint at /connect/token with scope crm.api,
// `tenant-code` required (401 ProblemDetails without it), POST /api/Person/PagingList answering
// `{ result, totalCount, itemCount }` as text/plain, as Swashbuckle lists first, with pages capped at
// 10 items whatever `itemCount` asks, and GET /api/Person/{id}. It should give way to
// `startMockServer({ stateful: true })` of @engagifii/crm-mock-server once that serves any document.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const PEOPLE = Array.from({ length: 23 }, (_, index) => ({
  id: `6f1c2a3b-0000-4000-8000-${String(index).padStart(12, "0")}`,
  firstName: `Person ${index}`,
  lastName: null,
  email: `person${index}@example.com`,
  membershipStatus: index % 3,
}));
const PAGE_CAP = 10;
const TOKEN = "live-shaped-token";

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return text;
}

function send(response: ServerResponse, status: number, body: unknown, contentType = "application/json") {
  response.writeHead(status, { "content-type": contentType }).end(JSON.stringify(body));
}

const problem = (status: number, title: string) => ({ type: null, title, status, detail: null, instance: null });

async function handle(request: IncomingMessage, response: ServerResponse, seen: string[]) {
  const url = new URL(request.url ?? "/", "http://localhost");
  const body = await bodyOf(request);
  if (request.method === "POST" && url.pathname === "/connect/token") {
    const form = new URLSearchParams(body);
    seen.push(`token scope=${form.get("scope")}`);
    if (form.get("grant_type") !== "client_credentials" || form.get("scope") !== "crm.api")
      return send(response, 400, { error: "invalid_scope" });
    return send(response, 200, { access_token: TOKEN, token_type: "Bearer", expires_in: 3600, scope: "crm.api" });
  }
  seen.push(`${request.method} ${url.pathname}`);
  if (request.headers.authorization !== `Bearer ${TOKEN}` || request.headers["tenant-code"] !== "acme")
    return send(response, 401, problem(401, "Unauthorized"));
  if (request.method === "POST" && url.pathname === "/api/Person/PagingList") {
    const { pageNumber = 1, itemCount = 10 } = JSON.parse(body || "{}") as { pageNumber?: number; itemCount?: number };
    const size = Math.min(itemCount, PAGE_CAP);
    const result = PEOPLE.slice((pageNumber - 1) * size, pageNumber * size);
    return send(
      response,
      200,
      { result, totalCount: PEOPLE.length, itemCount: result.length },
      "text/plain; charset=utf-8",
    );
  }
  const match = /^\/api\/Person\/([^/]+)$/.exec(url.pathname);
  if (request.method === "GET" && match) {
    const person = PEOPLE.find(({ id }) => id === match[1]);
    return person
      ? send(response, 200, person, "text/plain; charset=utf-8")
      : send(response, 404, problem(404, "Not Found"));
  }
  send(response, 404, problem(404, "Not Found"));
}

/** Starts the stand-in on a free port of 127.0.0.1; `seen` lists the requests, in order. */
export async function startLiveShapedServer(): Promise<{ url: string; seen: string[]; stop(): Promise<void> }> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    handle(request, response, seen).catch((error: unknown) => send(response, 500, problem(500, String(error))));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
