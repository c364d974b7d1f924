import { AuthenticationError, CrmApiError, describeOAuthError, type RequestContext } from "../errors.js";
import { isRecord } from "../is-record.js";
import { isHeaderSafe } from "../transport/tenant-header.js";
import type { TokenResponse } from "./client-credentials.js";
import { fetchToken, type TokenFetchOptions } from "./token-fetch.js";

export interface TokenRequestOptions extends TokenFetchOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string | undefined;
  /** Removes known secrets (the client secret first) from an error body that echoes them. */
  scrub: (text: string) => string;
}

/**
 * The client-credentials grant (RFC 6749 §4.4), form-encoded, with the secret in the body.
 * Network failures, 429 and 5xx are retried (see token-fetch.ts); an OAuth error (400/401) is
 * final and becomes an AuthenticationError.
 */
export async function requestToken(options: TokenRequestOptions): Promise<TokenResponse> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: options.clientId,
    client_secret: options.clientSecret,
  });
  if (options.scope) form.set("scope", options.scope);
  const { status, headers, text, context } = await fetchToken(options.tokenUrl, form.toString(), options);
  if (status >= 200 && status < 300) return readTokenResponse(parseJson(text), options.tokenUrl, context);
  const body = parseJson(options.scrub(text));
  if (status === 400 || status === 401) {
    const reason = describeOAuthError(body) ?? `status ${status}`;
    throw new AuthenticationError(`Token request to ${options.tokenUrl} was refused: ${reason}`, status, body, context);
  }
  throw CrmApiError.fromResponse(status, body, context, headers);
}

/** The longest a token is kept, whatever its expires_in says: one day. */
export const maxLifetimeSeconds = 86_400;

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
    // RFC 6749 makes expires_in optional; the guide documents one hour. A lifetime past a day is
    // taken as a day: a huge expires_in would otherwise give an expiry no store can keep (Infinity).
    expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? Math.min(expiresIn, maxLifetimeSeconds) : 3600,
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
