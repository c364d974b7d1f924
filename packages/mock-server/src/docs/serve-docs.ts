// `/docs`: the Swagger UI page, its assets from swagger-ui-dist, and the document pointed at the
// origin the browser used, all served from this package (no CDN, works offline).
import { createReadStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname } from "node:path";
import type { JsonObject } from "../document/http-operation.js";
import { documentForSandbox } from "./docs-document.js";
import { docsAssetPath, docsPage } from "./docs-page.js";

export type DocsHandler = (request: IncomingMessage, reply: ServerResponse, pathname: string) => void;

const contentTypes: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".png": "image/png",
};

export function createDocsHandler(options: {
  document: JsonObject;
  tokenPath: string;
  clientId?: string | undefined;
}): DocsHandler {
  const info = options.document.info as { title?: unknown } | undefined;
  const title = `${typeof info?.title === "string" ? info.title : "API"} (sandbox)`;
  return (request, reply, pathname) => {
    if (pathname === "/docs") {
      reply.writeHead(301, { location: "/docs/" }).end();
      return;
    }
    const name = pathname.slice("/docs/".length);
    if (name === "" || name === "index.html") {
      reply.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      reply.end(docsPage({ title, documentUrl: "./openapi.json", clientId: options.clientId }));
      return;
    }
    if (name === "openapi.json") {
      const origin = `http://${request.headers.host ?? "127.0.0.1"}`;
      reply.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      reply.end(JSON.stringify(documentForSandbox(options.document, origin, options.tokenPath)));
      return;
    }
    const file = docsAssetPath(name);
    if (file === undefined) {
      reply.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`No ${pathname}\n`);
      return;
    }
    reply.writeHead(200, {
      "content-type": contentTypes[extname(file)] ?? "application/octet-stream",
      "cache-control": "max-age=3600",
    });
    createReadStream(file).pipe(reply);
  };
}
