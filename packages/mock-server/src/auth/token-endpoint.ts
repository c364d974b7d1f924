// The OAuth2 client credentials grant (RFC 6749 §4.4): credentials in a form or JSON body, or
// in a Basic header (Swagger UI and Postman both offer either). Wrong credentials are rejected
// only when the sandbox was given a client id and secret.
import type { IncomingHttpHeaders } from "node:http";
import type { SandboxResponse } from "../http/sandbox-response.js";
import type { TokenIssuer } from "./token-issuer.js";

export interface TokenEndpointOptions {
  issuer: TokenIssuer;
  scopes: string[];
  clientId?: string | undefined;
  clientSecret?: string | undefined;
}

export function answerTokenRequest(
  options: TokenEndpointOptions,
  headers: IncomingHttpHeaders,
  body: Buffer,
): SandboxResponse {
  const fields = readFields(headers, body);
  const basic = readBasic(headers.authorization);
  const clientId = fields.client_id ?? basic?.clientId;
  const clientSecret = fields.client_secret ?? basic?.clientSecret;
  if (fields.grant_type !== "client_credentials") {
    return oauthError(400, "unsupported_grant_type", "Only the client_credentials grant is supported.");
  }
  if (!clientId) return oauthError(400, "invalid_request", "The client_id parameter is required.");
  const checked = options.clientId !== undefined || options.clientSecret !== undefined;
  if (checked && (clientId !== options.clientId || clientSecret !== options.clientSecret)) {
    return oauthError(401, "invalid_client", "Client authentication failed.");
  }
  const requested = (fields.scope ?? "").split(" ").filter((scope) => scope !== "");
  const unknown = requested.filter((scope) => options.scopes.length > 0 && !options.scopes.includes(scope));
  if (unknown.length > 0) return oauthError(400, "invalid_scope", `Unknown scope ${unknown.join(" ")}.`);
  const scope = (requested.length > 0 ? requested : options.scopes).join(" ");
  const { accessToken, expiresIn } = options.issuer.issue(clientId, scope);
  return {
    status: 200,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
    body: { access_token: accessToken, token_type: "Bearer", expires_in: expiresIn, ...(scope ? { scope } : {}) },
  };
}

function readFields(headers: IncomingHttpHeaders, body: Buffer): Record<string, string | undefined> {
  const text = body.toString("utf8");
  if ((headers["content-type"] ?? "").includes("json")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === "object" && parsed !== null) {
        return Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, String(value)]));
      }
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function readBasic(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? "");
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-encoded before they are joined.
  const decode = (part: string) => decodeURIComponent(part.replaceAll("+", " "));
  return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
}

function oauthError(status: number, error: string, description: string): SandboxResponse {
  return {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
    body: { error, error_description: description },
  };
}
