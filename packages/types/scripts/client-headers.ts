import { HTTP_METHODS, isObject, type OpenApiDocument, type OpenApiObject, resolve } from "./document.js";

/**
 * Header parameters the client sets itself on every request: the tenant from its options (or
 * `withTenant`), the bearer token from its token provider. A document that declares them (the
 * live Swashbuckle document declares `tenant-code` on every operation) would otherwise make them
 * required request options that override the client's own.
 */
const CLIENT_OWNED_HEADERS = new Set(["tenant-code", "authorization"]);

function isClientOwned(document: OpenApiDocument, parameter: unknown): boolean {
  const resolved = resolve(document, parameter);
  return (
    resolved?.in === "header" &&
    typeof resolved.name === "string" &&
    CLIENT_OWNED_HEADERS.has(resolved.name.toLowerCase())
  );
}

function withoutOwnedHeaders(document: OpenApiDocument, holder: OpenApiObject): OpenApiObject {
  if (!Array.isArray(holder.parameters)) return holder;
  return { ...holder, parameters: holder.parameters.filter((parameter) => !isClientOwned(document, parameter)) };
}

/** `application/json` first in each content map, so it is the media type the types lead with. */
function jsonFirst(content: unknown): unknown {
  if (!isObject(content) || !("application/json" in content)) return content;
  const { "application/json": json, ...others } = content;
  return { "application/json": json, ...others };
}

function preferJson(operation: OpenApiObject): OpenApiObject {
  const result = { ...operation };
  if (isObject(result.requestBody) && "content" in result.requestBody)
    result.requestBody = { ...result.requestBody, content: jsonFirst(result.requestBody.content) };
  if (isObject(result.responses)) {
    result.responses = Object.fromEntries(
      Object.entries(result.responses).map(([status, response]) => [
        status,
        isObject(response) && "content" in response ? { ...response, content: jsonFirst(response.content) } : response,
      ]),
    );
  }
  return result;
}

/**
 * The document the types are generated from: without the header parameters the client owns, and
 * with `application/json` listed before `text/plain` (Swashbuckle lists `text/plain` first).
 */
export function prepareDocument(document: OpenApiDocument): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    if (!isObject(pathItem)) continue;
    const item = withoutOwnedHeaders(document, pathItem);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) item[method] = preferJson(withoutOwnedHeaders(document, operation));
    }
    paths[path] = item;
  }
  return { ...document, paths };
}
