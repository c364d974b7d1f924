import { isObject, type OpenApiDocument } from "./document.js";

/** The OAuth2 client-credentials flow the document declares: where to get a token, and the scopes it offers. */
export interface TokenMetadata {
  /** As written in the document: absolute, or a path relative to the API's base URL. */
  tokenUrl: string | undefined;
  /** Every scope the flow declares, in document order. */
  scopes: string[];
}

export function readTokenMetadata(document: OpenApiDocument): TokenMetadata {
  for (const scheme of Object.values(document.components?.securitySchemes ?? {})) {
    const flow = isObject(scheme) && isObject(scheme.flows) ? scheme.flows.clientCredentials : undefined;
    if (scheme.type !== "oauth2" || !isObject(flow)) continue;
    return {
      tokenUrl: typeof flow.tokenUrl === "string" ? flow.tokenUrl : undefined,
      scopes: isObject(flow.scopes) ? Object.keys(flow.scopes) : [],
    };
  }
  return { tokenUrl: undefined, scopes: [] };
}
