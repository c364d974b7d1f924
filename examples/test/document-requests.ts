// Tells recorded requests apart by the document's own operations, from the generated metadata: the token request
// and the paged lists (a `POST …/PagingList` reads) are not writes. No path of a particular document is named.
import { pagedOperations, tokenMetadata } from "@engagifii/crm-types";

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");

const pagedLists = Object.entries(pagedOperations).map(([path, shape]) => ({
  method: shape.method.toUpperCase(),
  pattern: new RegExp(`^${escapeRegExp(path).replace(/\{[^}]+\}/g, "[^/]+")}$`),
}));

/** Whether a request recorded as `METHOD /path?query [idempotency-key]` changes data on the API at `baseUrl`. */
export function isWrite(request: string, baseUrl: string): boolean {
  const [method = "", target = ""] = request.split(" ");
  const path = target.split("?")[0] ?? "";
  if (method === "GET") return false;
  if (tokenMetadata.tokenUrl !== undefined && path === new URL(tokenMetadata.tokenUrl, baseUrl).pathname) return false;
  return !pagedLists.some((list) => list.method === method && list.pattern.test(path));
}
