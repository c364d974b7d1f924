import { readTokenMetadata } from "../../packages/types/scripts/security-metadata.js";
import { type Change, major } from "./change.js";
import type { OpenApi } from "./openapi.js";

/**
 * The client's default token URL and scopes come from the document: a change of either sends
 * every default-configured client somewhere else, so each is breaking, and named as such.
 */
export function diffTokenMetadata(before: OpenApi, after: OpenApi): Change[] {
  const tokenBefore = readTokenMetadata(before as never);
  const tokenAfter = readTokenMetadata(after as never);
  const changes: Change[] = [];
  if (tokenBefore.tokenUrl !== tokenAfter.tokenUrl)
    changes.push(
      major(`token URL ${tokenBefore.tokenUrl ?? "(none)"} → ${tokenAfter.tokenUrl ?? "(none)"}: the client's default`),
    );
  const scopesBefore = tokenBefore.scopes.join(" ") || "(none)";
  const scopesAfter = tokenAfter.scopes.join(" ") || "(none)";
  if (scopesBefore !== scopesAfter)
    changes.push(major(`scopes ${scopesBefore} → ${scopesAfter}: the client's default`));
  return changes;
}
