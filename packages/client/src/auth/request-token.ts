import { AuthenticationError, CrmApiError, describeOAuthError, type RequestContext } from "../errors.js";
import { isRecord } from "../is-record.js";
import { readText } from "../transport/response-metadata.js";
import { isHeaderSafe } from "../transport/tenant-header.js";
import type { Transport } from "../transport/transport.js";
import { contextOf } from "../unwrap.js";
import type { TokenResponse } from "./client-credentials.js";

export interface TokenRequestOptions {
  /** A transport without tenant, token or rate limiter: it retries network failures and 5xx. */
  send: Transport;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string | undefined;
}

/**
 * The client-credentials grant (RFC 6749 §4.4), form-encoded, with the secret in the body.
 * The transport retries network failures and 5xx (a token request is safe to repeat); an OAuth
 * error (400/401) is final and becomes an AuthenticationError.
 */
export async function requestToken(options: TokenRequestOptions): Promise<TokenResponse> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: options.clientId,
    client_secret: options.clientSecret,
  });
  if (options.scope) form.set("scope", options.scope);
  const request = new Request(options.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
  });
  const response = await options.send(request, { idempotent: true });
  const body = parseJson(await readText(response));
  const context = contextOf(response);
  if (response.ok) return readTokenResponse(body, options.tokenUrl, context);
  if (response.status === 400 || response.status === 401) {
    const reason = describeOAuthError(body) ?? `status ${response.status}`;
    throw new AuthenticationError(
      `Token request to ${options.tokenUrl} was refused: ${reason}`,
      response.status,
      body,
      context,
    );
  }
  throw CrmApiError.fromResponse(response.status, body, context, response.headers);
}

function readTokenResponse(body: unknown, tokenUrl: string, context: RequestContext): TokenResponse {
  const invalid = (problem: string) =>
    new AuthenticationError(`Token response from ${tokenUrl} ${problem}`, 200, undefined, context);
  if (!isRecord(body) || typeof body.access_token !== "string" || body.access_token === "")
    throw invalid("has no access_token");
  if (!isHeaderSafe(body.access_token)) throw invalid("has an access_token a header cannot carry");
  const tokenType = body.token_type;
  if (typeof tokenType === "string" && tokenType.toLowerCase() !== "bearer")
    throw invalid(`has token_type "${tokenType}"; only Bearer is supported`);
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    // RFC 6749 makes expires_in optional; the guide documents one hour.
    expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600,
    scope: typeof body.scope === "string" ? body.scope : undefined,
  };
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
