// The OAuth2 client credentials settings of an OpenAPI 3 or Swagger 2 document.
type Node = Record<string, unknown>;

export interface TokenSettings {
  /** The token URL as the document writes it (relative to the server, or absolute). */
  url: string;
  /** Its path, e.g. `/oauth/token` or `/connect/token`. */
  path: string;
  /** Every scope the scheme declares, space-separated. */
  scope: string;
}

/** The document's OAuth2 client credentials flow; without one, `/oauth/token` and no scope, as the client and the mock assume. */
export function readTokenSettings(document: Node): TokenSettings {
  const components = (document.components ?? {}) as Node;
  const schemes = (document.securityDefinitions ?? components.securitySchemes ?? {}) as Record<string, Node>;
  for (const scheme of Object.values(schemes)) {
    if (scheme.type !== "oauth2") continue;
    const flow = ((scheme.flows as Node | undefined)?.clientCredentials ??
      (scheme.flow === "application" ? scheme : undefined)) as Node | undefined;
    if (typeof flow?.tokenUrl !== "string") continue;
    const url = flow.tokenUrl;
    const scope = Object.keys((flow.scopes ?? {}) as Node).join(" ");
    return { url, path: new URL(url, "http://document.invalid").pathname, scope };
  }
  return { url: "/oauth/token", path: "/oauth/token", scope: "" };
}
