// The document as the docs page shows it: the same contract, with its servers replaced by the
// sandbox and its OAuth2 token URL made absolute, so "Authorize" and "Try it out" call the sandbox.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { isObject, type JsonObject } from "../document/http-operation.js";

/** Reads the document (a file or URL, JSON or YAML) as plain data. */
export async function readDocument(spec: string): Promise<JsonObject> {
  const text = /^https?:\/\//.test(spec) ? await (await fetch(spec)).text() : await readFile(spec, "utf8");
  const document: unknown = parse(text);
  if (!isObject(document)) throw new Error(`The OpenAPI document ${spec} is not an object`);
  return document;
}

/** A copy of the document whose server is `origin` and whose token URL is `origin` + `tokenPath`. */
export function documentForSandbox(document: JsonObject, origin: string, tokenPath: string): JsonObject {
  const copy = structuredClone(document);
  if (typeof copy.swagger === "string") {
    const url = new URL(origin);
    copy.host = url.host;
    copy.schemes = [url.protocol.replace(":", "")];
  } else {
    copy.servers = [{ url: origin, description: "This sandbox" }];
  }
  const components = isObject(copy.components) ? copy.components : {};
  const schemes = isObject(copy.securityDefinitions) ? copy.securityDefinitions : components.securitySchemes;
  for (const scheme of Object.values(isObject(schemes) ? schemes : {})) {
    if (!isObject(scheme) || scheme.type !== "oauth2") continue;
    if (typeof scheme.tokenUrl === "string") scheme.tokenUrl = `${origin}${tokenPath}`;
    const flow = isObject(scheme.flows) ? scheme.flows.clientCredentials : undefined;
    if (isObject(flow)) flow.tokenUrl = `${origin}${tokenPath}`;
  }
  return copy;
}
