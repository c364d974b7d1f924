import { createHash } from "node:crypto";

/**
 * The Idempotency-Key of one write, derived from what it does: the action, the record it targets
 * (the match value for a create, the id otherwise) and the exact fields it sends. A re-run after a
 * crash plans the same write again with the same key, so the API performs it at most once.
 */
export function idempotencyKey(kind: string, target: string, payload: Record<string, unknown>): string {
  const canonical = JSON.stringify([kind, target, sortKeys(payload)]);
  return `engagifii-sync-${createHash("sha256").update(canonical).digest("hex").slice(0, 40)}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
