// The server in front of Prism. It answers what Prism cannot (the docs, the token endpoint, a
// missing tenant, an undocumented `Prefer: code=N`), lets Prism validate everything else, and
// in stateful mode answers Prism-valid requests from the sandbox's records.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { requiresBearer, requiresTenant, tenantHeader } from "./auth/security.js";
import { answerTokenRequest, type TokenEndpointOptions } from "./auth/token-endpoint.js";
import type { TokenIssuer } from "./auth/token-issuer.js";
import type { DocsHandler } from "./docs/serve-docs.js";
import { type HttpOperation, responseExamples } from "./document/http-operation.js";
import { mostLiteralFirst, pathTemplate } from "./document/path-template.js";
import type { GeneratedAnswers } from "./generate/generated-answers.js";
import { askPrism, prismAccepted, readBody, sendAnswer, sendPrismAnswer } from "./http/exchange.js";
import { preferredStatus, standardErrorStatuses } from "./http/prefer-code.js";
import { problem, type SandboxResponse } from "./http/sandbox-response.js";
import type { Sandbox } from "./sandbox/sandbox.js";

export interface FrontServerOptions {
  prismUrl: string;
  operations: HttpOperation[];
  tokenPath: string;
  /** Answer the token endpoint here rather than in Prism (stateful mode, or a document without one). */
  ownTokenEndpoint: boolean;
  token: TokenEndpointOptions & { issuer: TokenIssuer };
  docs: DocsHandler;
  /** The stateful sandbox, when on. */
  sandbox?: Sandbox | undefined;
  /** Stateless mode without `dynamic`: generated bodies where the document has no example, coherent pages. */
  generated?: GeneratedAnswers | undefined;
  now: () => number;
}

export function createFrontServer(options: FrontServerOptions): Server {
  const operations = mostLiteralFirst(
    options.operations.map((operation) => ({ operation, template: pathTemplate(operation.path) })),
  );
  const findOperation = (method: string, path: string) =>
    operations.find(
      (candidate) => candidate.operation.method === method && candidate.template.match(path) !== undefined,
    )?.operation;

  async function handle(request: IncomingMessage, reply: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = new URL(request.url ?? "/", "http://sandbox.invalid");
    const method = (request.method ?? "GET").toLowerCase();
    if (url.pathname === "/docs" || url.pathname.startsWith("/docs/"))
      return options.docs(request, reply, url.pathname);
    if (method === "post" && url.pathname === "/__sandbox/reset" && options.sandbox) {
      options.sandbox.reset();
      return sendAnswer(request, reply, { status: 204 });
    }
    const operation = findOperation(method, url.pathname);
    const isTokenPath = url.pathname.toLowerCase() === options.tokenPath.toLowerCase();
    if (method === "post" && isTokenPath && (options.ownTokenEndpoint || operation === undefined)) {
      return sendAnswer(request, reply, answerTokenRequest(options.token, request.headers, body));
    }
    const refusal = operation === undefined ? undefined : refuse(operation, request);
    if (refusal !== undefined) return sendAnswer(request, reply, refusal);

    const prism = await askPrism(options.prismUrl, request, body);
    const route = options.sandbox?.match(method, url.pathname);
    if (options.sandbox && route && preferredStatus(request.headers.prefer) === undefined && prismAccepted(prism)) {
      const answer = options.sandbox.answer({
        ...route,
        query: Object.fromEntries(url.searchParams),
        body: parseJson(body),
        tenant: String(request.headers[tenantHeader]),
        now: new Date(options.now()),
      });
      return sendAnswer(request, reply, answer);
    }
    const generated =
      operation && options.generated && prismAccepted(prism)
        ? options.generated.answer(operation, prism.status, Object.fromEntries(url.searchParams), parseJson(body))
        : undefined;
    if (generated !== undefined) return sendAnswer(request, reply, generated);
    sendPrismAnswer(reply, prism);
  }

  // What is answered before Prism: a missing tenant (401 however the document models it), a
  // sandbox token that is expired or not the sandbox's, and `Prefer: code=N` the document has no
  // example for (it may not declare the status at all).
  function refuse(operation: HttpOperation, request: IncomingMessage): SandboxResponse | undefined {
    if (requiresTenant(operation) && !request.headers[tenantHeader]) {
      return problem(401, `The ${tenantHeader} header is required.`);
    }
    if (options.sandbox && requiresBearer(operation)) {
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
      const check = token === undefined ? "missing" : options.token.issuer.check(token);
      if (check !== "valid") {
        const detail =
          check === "expired"
            ? "The access token expired."
            : `The access token is ${check === "missing" ? "missing" : "not valid"}.`;
        return problem(401, detail, {
          "www-authenticate": `Bearer error="invalid_token", error_description="${detail}"`,
        });
      }
    }
    const status = preferredStatus(request.headers.prefer);
    const standard = (standardErrorStatuses as readonly number[]).includes(status ?? 0);
    // Where the document gives no example for the status either, Prism's body would be `"string"`s.
    if (status !== undefined && standard && responseExamples(operation, String(status)).length === 0) {
      const headers: Record<string, string> = status === 429 || status === 503 ? { "retry-after": "1" } : {};
      return problem(
        status,
        `Answered with ${status} because the request asked for it (Prefer: code=${status}).`,
        headers,
      );
    }
    return undefined;
  }

  return createServer((request, reply) => {
    handle(request, reply).catch((error: unknown) => {
      if (!reply.headersSent)
        sendAnswer(
          request,
          reply,
          problem(500, `Sandbox error: ${error instanceof Error ? error.message : String(error)}`),
        );
      else reply.end();
    });
  });
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}
