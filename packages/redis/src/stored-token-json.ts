import type { StoredToken } from "@engagifii/crm-client";

/** The JSON kept in Redis: exactly the StoredToken's three fields. */
export function tokenToJson(token: StoredToken): string {
  return JSON.stringify({ accessToken: token.accessToken, expiresAt: token.expiresAt, scope: token.scope });
}

/** The StoredToken in `json`, or undefined when it is missing or not one (never throws). */
export function tokenFromJson(json: unknown): StoredToken | undefined {
  if (typeof json !== "string") return undefined;
  try {
    const value = JSON.parse(json) as Partial<Record<keyof StoredToken, unknown>>;
    if (typeof value.accessToken !== "string" || typeof value.expiresAt !== "number") return undefined;
    return {
      accessToken: value.accessToken,
      expiresAt: value.expiresAt,
      scope: typeof value.scope === "string" ? value.scope : undefined,
    };
  } catch {
    return undefined;
  }
}
