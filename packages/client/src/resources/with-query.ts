/** `{ params: { query, path } }` without keys for the values left out (exactOptionalPropertyTypes forbids `undefined`). */
export function withQuery<Query extends object, Path extends object = never>(query: Query | undefined, path?: Path) {
  const params: { query?: Query; path?: Path } = {};
  if (query !== undefined) params.query = query;
  if (path !== undefined) params.path = path;
  return { params } as { params: [Path] extends [never] ? { query?: Query } : { query?: Query; path: Path } };
}
