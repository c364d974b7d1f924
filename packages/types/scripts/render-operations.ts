import { eachOperation, type OpenApiDocument } from "./document.js";
import { detectPaging } from "./paging-shape.js";
import { readTokenMetadata } from "./security-metadata.js";

const literal = (value: unknown) => JSON.stringify(value);

/**
 * `src/generated/operations.ts`: each operation's method, path and operationId, the paging shape
 * of the paged ones (keyed by path, as `crm.paginate` takes them) and the token endpoint and
 * scopes from `securitySchemes`.
 */
export function renderOperations(document: OpenApiDocument, header: string): string {
  const operations: string[] = [];
  const paged: string[] = [];
  for (const { method, path, operation, pathItem } of eachOperation(document)) {
    const operationId = typeof operation.operationId === "string" ? operation.operationId : undefined;
    operations.push(`  { method: ${literal(method)}, path: ${literal(path)}, operationId: ${literal(operationId)} },`);
    if (method !== "get" && method !== "post") continue;
    const paging = detectPaging(document, method, operation, pathItem);
    // A path with both a paged GET and a paged POST pages through its GET (it comes first).
    if (!paging || paged.some((line) => line.startsWith(`  ${literal(path)}:`))) continue;
    paged.push(`  ${literal(path)}: ${literal({ method, ...paging })},`);
  }
  const token = readTokenMetadata(document);
  return `${header}import type { OperationMetadata, PagedOperationMetadata, TokenMetadata } from "../metadata.js";

/** The document's OAuth2 client-credentials flow: the client's default token URL and scopes. */
export const tokenMetadata = {
  tokenUrl: ${literal(token.tokenUrl)},
  scopes: ${literal(token.scopes)},
} as const satisfies TokenMetadata;

/** Every operation of the document, in document order. */
export const operationList = [
${operations.join("\n")}
] as const satisfies readonly OperationMetadata[];

/** The operations \`crm.paginate\` can page, by path, with how each one pages. */
export const pagedOperations = {
${paged.join("\n")}
} as const satisfies Record<string, PagedOperationMetadata>;

export type PagedOperations = typeof pagedOperations;
`;
}
