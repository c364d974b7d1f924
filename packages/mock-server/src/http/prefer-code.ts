/** The error statuses `Prefer: code=N` gives on any operation, with a problem body when the document has none. */
export const standardErrorStatuses = [400, 401, 403, 404, 409, 429, 500, 503] as const;

/** The status a `Prefer: code=N` header asks for, if any. */
export function preferredStatus(prefer: string | string[] | undefined): number | undefined {
  const match = /(?:^|[\s,;])code=(\d{3})\b/.exec(Array.isArray(prefer) ? prefer.join(",") : (prefer ?? ""));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
