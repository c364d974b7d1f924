import { type TokenMetadata, tokenMetadata } from "@engagifii/crm-types";

/**
 * The token endpoint the API's document declares (its OAuth2 client-credentials flow): an absolute
 * URL as it is, a path appended to the base URL (so `/oauth/token` keeps a base path, as before).
 * `${baseUrl}/oauth/token` when the document declares none.
 */
export function documentTokenUrl(baseUrl: string, metadata: TokenMetadata = tokenMetadata): string {
  const declared = metadata.tokenUrl;
  if (declared === undefined) return `${baseUrl}/oauth/token`;
  if (/^https?:\/\//i.test(declared)) return declared;
  return `${baseUrl}/${declared.replace(/^\/+/, "")}`;
}

/** The scopes the document's client-credentials flow declares, space-separated; undefined when it has none. */
export function documentScope(metadata: TokenMetadata = tokenMetadata): string | undefined {
  return metadata.scopes.length > 0 ? metadata.scopes.join(" ") : undefined;
}
