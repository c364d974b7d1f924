import { distance } from "fastest-levenshtein";
import { CliError } from "../cli-error.js";
import { exitCodes } from "../exit-codes.js";
import type { OperationReference } from "../resource-entry.js";
import type { OpenApiDocument } from "./load-document.js";

export interface Operation {
  /** Upper case: GET, POST, … */
  method: string;
  /** The document's template, e.g. `/api/v1/people/{personId}`. */
  path: string;
  operationId: string | undefined;
  /** The raw operation object. */
  definition: Record<string, unknown>;
}

const methods = ["get", "post", "put", "patch", "delete"];

/** Every operation in the document, in document order. */
export function listOperations(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    methods
      .filter((method) => typeof item[method] === "object" && item[method] !== null)
      .map((method) => {
        const definition = item[method] as Record<string, unknown>;
        const operationId = typeof definition.operationId === "string" ? definition.operationId : undefined;
        return { method: method.toUpperCase(), path, operationId, definition };
      }),
  );
}

/** The operation with this operationId; a one-line error names it when the document has none. */
export function findOperation(document: OpenApiDocument, operationId: string): Operation {
  const found = listOperations(document).find((operation) => operation.operationId === operationId);
  if (!found) {
    throw new CliError(`the OpenAPI document has no operation \`${operationId}\``, {
      hint: "the document changed; update @engagifii/crm-cli or pass --spec with the document the API serves",
    });
  }
  return found;
}

/** The operation a resource table entry names; a one-line error when the document in use lacks it. */
export function operationAt(document: OpenApiDocument, reference: OperationReference): Operation {
  const definition = document.paths[reference.path]?.[reference.method.toLowerCase()];
  if (typeof definition !== "object" || definition === null) {
    throw new CliError(`the OpenAPI document has no operation ${reference.method} ${reference.path}`, {
      hint: "the document changed; run `pnpm generate` (or update @engagifii/crm-cli), or pass --spec with the document the API serves",
    });
  }
  return { ...reference, operationId: reference.operationId, definition: definition as Record<string, unknown> };
}

/** Path parameters of a template, in order: `/a/{x}/b/{y}` → ["x", "y"]. */
export function pathParameters(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
}

/** Whether a concrete path (`/api/v1/people/42`) fits a template; routes are compared case-insensitively. */
export function pathMatches(template: string, path: string): boolean {
  const pattern = template
    .split(/\{[^}]+\}/)
    .map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${pattern}/?$`, "i").test(path);
}

/**
 * The operation for METHOD + a concrete path. An unknown path fails with the closest templates
 * ("did you mean"); a known path with the wrong method names the methods it has.
 */
export function matchOperation(document: OpenApiDocument, method: string, path: string): Operation {
  const operations = listOperations(document);
  const onPath = operations.filter((operation) => pathMatches(operation.path, path));
  const found = onPath.find((operation) => operation.method === method.toUpperCase());
  if (found) return found;
  if (onPath.length > 0) {
    const allowed = onPath.map((operation) => operation.method).join(", ");
    throw new CliError(`${method.toUpperCase()} is not an operation of ${path}; it has ${allowed}`, {
      exitCode: exitCodes.usage,
    });
  }
  const suggestions = closestTemplates([...new Set(operations.map((operation) => operation.path))], path);
  throw new CliError(`${path} is not a path of the API`, {
    hint: suggestions.length > 0 ? `did you mean ${suggestions.join(" or ")}?` : "see `engagifii api --list`",
    exitCode: exitCodes.usage,
  });
}

/** The templates closest to `path` (at most two, equally close), with the path's own values in their parameters. */
function closestTemplates(templates: string[], path: string): string[] {
  const segments = path.toLowerCase().split("/");
  const scored = templates.map((template) => {
    const templateSegments = template.toLowerCase().split("/");
    const filled = templateSegments
      .map((segment, index) => (segment.startsWith("{") ? (segments[index] ?? segment) : segment))
      .join("/");
    return { template, score: distance(filled, path.toLowerCase()) };
  });
  const limit = Math.max(3, Math.floor(path.length / 3));
  const best = Math.min(...scored.map((entry) => entry.score));
  if (best > limit) return [];
  return scored
    .filter((entry) => entry.score === best)
    .slice(0, 2)
    .map((entry) => entry.template);
}
