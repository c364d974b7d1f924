// Reading a request body, and writing an answer: the sandbox's own, or Prism's as it came.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxResponse } from "./sandbox-response.js";

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Writes the sandbox's answer, with the same CORS headers Prism sends, so browsers can call either. */
export function sendAnswer(request: IncomingMessage, reply: ServerResponse, answer: SandboxResponse): void {
  reply.setHeader("access-control-allow-origin", request.headers.origin ?? "*");
  reply.setHeader("access-control-allow-credentials", "true");
  reply.setHeader("access-control-expose-headers", "*");
  for (const [name, value] of Object.entries(answer.headers ?? {})) reply.setHeader(name, value);
  if (answer.body === undefined) {
    reply.writeHead(answer.status).end();
    return;
  }
  if (!reply.hasHeader("content-type")) reply.setHeader("content-type", "application/json; charset=utf-8");
  reply.writeHead(answer.status).end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
}

/** A response of the Prism server this process runs behind the sandbox. */
export interface PrismAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
}

const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host", "upgrade"]);

export async function askPrism(prismUrl: string, request: IncomingMessage, body: Buffer): Promise<PrismAnswer> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || hopByHop.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  // A caller that names no type wants JSON, even where the document lists `text/plain` first (Swashbuckle).
  if (!headers.has("accept") || headers.get("accept") === "*/*") headers.set("accept", "application/json");
  const method = request.method ?? "GET";
  const response = await fetch(`${prismUrl}${request.url ?? "/"}`, {
    method,
    headers,
    ...(body.length > 0 && method !== "GET" && method !== "HEAD" ? { body: new Uint8Array(body) } : {}),
  });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

export function sendPrismAnswer(reply: ServerResponse, answer: PrismAnswer): void {
  answer.headers.forEach((value, name) => {
    if (!hopByHop.has(name)) reply.setHeader(name, value);
  });
  reply.writeHead(answer.status).end(answer.body);
}

/** Whether Prism let the request through: no request violation of severity error, and no Prism error of its own. */
export function prismAccepted(answer: PrismAnswer): boolean {
  if ((answer.headers.get("content-type") ?? "").includes("application/problem+json") && answer.status >= 400)
    return false;
  const violations = answer.headers.get("sl-violations");
  if (violations === null) return true;
  try {
    const parsed: unknown = JSON.parse(violations);
    return !(
      Array.isArray(parsed) &&
      parsed.some((violation) => violation?.location?.[0] === "request" && violation?.severity === "Error")
    );
  } catch {
    return false;
  }
}
