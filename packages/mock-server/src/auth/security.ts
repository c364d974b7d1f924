// What the document says about authentication: where its token URL is, which scopes exist, and
// which operations need a bearer token or a tenant. However the document models the tenant (an
// apiKey scheme, a header parameter, or not at all), a secured operation needs `tenant-code`.
import type { HttpOperation } from "../document/http-operation.js";

export const tenantHeader = "tenant-code";

export interface DocumentSecurity {
  /** The OAuth2 client credentials token URL as the document writes it (absolute, or a path); undefined without one. */
  tokenUrl: string | undefined;
  /** Path of the OAuth2 client credentials token URL (e.g. `/oauth/token` or `/connect/token`). */
  tokenPath: string;
  /** Every scope the document's OAuth2 schemes declare. */
  scopes: string[];
}

/** Reads the token URL and scopes from the operations' OAuth2 schemes; `/oauth/token` when none declares one. */
export function documentSecurity(operations: HttpOperation[]): DocumentSecurity {
  let tokenUrl: string | undefined;
  const scopes = new Set<string>();
  for (const scheme of operations.flatMap((operation) => (operation.security ?? []).flat())) {
    if (scheme.type !== "oauth2") continue;
    const flow = scheme.flows.clientCredentials;
    if (flow === undefined) continue;
    tokenUrl ??= flow.tokenUrl;
    for (const scope of Object.keys(flow.scopes)) scopes.add(scope);
  }
  const tokenPath = new URL(tokenUrl ?? "/oauth/token", "http://sandbox.invalid").pathname;
  return { tokenUrl, tokenPath, scopes: [...scopes] };
}

export function requiresTenant(operation: HttpOperation): boolean {
  const declaresHeader = (operation.request?.headers ?? []).some(
    (header) => header.name.toLowerCase() === tenantHeader,
  );
  return declaresHeader || requiresSecurity(operation);
}

export function requiresSecurity(operation: HttpOperation): boolean {
  return (operation.security ?? []).some((alternative) => alternative.length > 0);
}

/** Whether every way to call the operation includes a bearer token (OAuth2, OpenID Connect or HTTP bearer). */
export function requiresBearer(operation: HttpOperation): boolean {
  const alternatives = operation.security ?? [];
  return (
    alternatives.length > 0 &&
    alternatives.every((alternative) =>
      alternative.some(
        (scheme) =>
          scheme.type === "oauth2" ||
          scheme.type === "openIdConnect" ||
          (scheme.type === "http" && scheme.scheme.toLowerCase() === "bearer"),
      ),
    )
  );
}
