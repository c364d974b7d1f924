// The server the live-swap end-to-end test's integrator program talks to: the stateful mock of
// @engagifii/crm-mock-server on the swapped document, behind a pass-through that records each
// request (and the scope of each token request) so the test can check what the client did.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { startMockServer } from "@engagifii/crm-mock-server";

export interface RecordedMock {
  /** Where the integrator's client points (`ENGAGIFII_BASE_URL`). */
  url: string;
  /** `token scope=<scope>` for each token request, else `METHOD path`, in order. */
  seen: string[];
  /** What the program should print: the mock's own count of people, and its first person. */
  expectedOutput(): Promise<{ count: number; unique: number; first: unknown; active: boolean }>;
  stop(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startRecordedMock(spec: string): Promise<RecordedMock> {
  const mock = await startMockServer({ spec, stateful: true });
  const seen: string[] = [];
  const proxy = createServer((request, reply) => {
    void (async () => {
      const body = await bodyOf(request);
      const path = new URL(request.url ?? "/", mock.url).pathname;
      const isToken = `${mock.url}${path}` === mock.tokenUrl;
      seen.push(
        isToken ? `token scope=${new URLSearchParams(body.toString()).get("scope")}` : `${request.method} ${path}`,
      );
      const headers = Object.fromEntries(
        Object.entries(request.headers).flatMap(([name, value]) =>
          typeof value === "string" && name !== "host" && name !== "content-length" ? [[name, value]] : [],
        ),
      );
      const hasBody = request.method !== "GET" && request.method !== "HEAD" && body.length > 0;
      const answer = await fetch(`${mock.url}${request.url}`, {
        method: request.method ?? "GET",
        headers,
        ...(hasBody ? { body: new Uint8Array(body) } : {}),
      });
      reply.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
      reply.end(Buffer.from(await answer.arrayBuffer()));
    })().catch((error: unknown) => reply.writeHead(502).end(String(error)));
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  async function expectedOutput() {
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: "test", client_secret: "test" });
    const token = (await (await fetch(mock.tokenUrl, { method: "POST", body: form })).json()) as {
      access_token: string;
    };
    const headers = { authorization: `Bearer ${token.access_token}`, "tenant-code": "acme" };
    const everyone = await fetch(`${mock.url}/api/Person/PagingList`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ pageNumber: 1, itemCount: 1000 }),
    });
    const page = (await everyone.json()) as { result: Array<Record<string, unknown>>; totalCount: number };
    const first = page.result[0] ?? {};
    return {
      count: page.totalCount,
      unique: page.totalCount,
      first: first.firstName,
      active: first.membershipStatus === 0,
    };
  }

  return {
    url,
    seen,
    expectedOutput,
    stop: async () => {
      await new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      });
      await mock.stop();
    },
  };
}
