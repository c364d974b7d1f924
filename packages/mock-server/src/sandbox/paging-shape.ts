// How a list operation pages, detected from its response schema (and request body). The one
// place that knows page envelopes, so generated per-operation metadata can replace it later.
import {
  allowsType,
  type HttpOperation,
  isObject,
  type JsonObject,
  type JsonSchema,
  requestBodySchema,
  schemaProperties,
  successResponse,
} from "../document/http-operation.js";

export interface PageRequest {
  /** Zero-based index of the first item. */
  offset: number;
  size: number;
}

export interface PagingShape {
  /** `page-index`: GET `?pageIndex&pageSize` → `{data,totalCount,pageIndex,pageSize}`;
   *  `page-number`: POST `{pageNumber (1-based),itemCount}` → `{result,totalCount,itemCount}`;
   *  `array`: a bare array, everything at once. */
  kind: "page-index" | "page-number" | "array";
  /** Schema of one item. */
  itemSchema: JsonSchema | undefined;
  /** Query or body fields that select the page rather than filter the items. */
  pagingFields: string[];
  readPage(query: Record<string, string>, body: unknown): PageRequest;
  envelope(items: unknown[], totalCount: number, page: PageRequest): unknown;
}

export function detectPaging(operation: HttpOperation): PagingShape | undefined {
  const schema = successResponse(operation).schema;
  const properties = schemaProperties(schema);
  const has = (...names: string[]) => names.every((name) => name in properties);
  if (operation.method === "get" && allowsType(schema, "array")) {
    const itemSchema = isObject(schema?.items) ? schema.items : undefined;
    return { kind: "array", itemSchema, pagingFields: [], readPage: () => allItems, envelope: (items) => items };
  }
  if (operation.method === "get" && has("data", "totalCount", "pageIndex", "pageSize")) {
    const sizeSchema = querySchema(operation, "pageSize");
    return {
      kind: "page-index",
      itemSchema: arrayItems(properties.data),
      pagingFields: ["pageIndex", "pageSize"],
      readPage(query) {
        const size = pageSize(query.pageSize, sizeSchema);
        return { offset: integer(query.pageIndex, 0) * size, size };
      },
      envelope: (items, totalCount, page) => ({
        data: items,
        totalCount,
        pageIndex: Math.floor(page.offset / page.size),
        pageSize: page.size,
      }),
    };
  }
  const bodyProperties = schemaProperties(requestBodySchema(operation));
  if (operation.method === "post" && has("result", "totalCount") && "pageNumber" in bodyProperties) {
    const sizeSchema = bodyProperties.itemCount;
    return {
      kind: "page-number",
      itemSchema: arrayItems(properties.result),
      pagingFields: ["pageNumber", "itemCount"],
      readPage(_query, body) {
        const fields = isObject(body) ? body : {};
        const size = pageSize(fields.itemCount, sizeSchema);
        return { offset: (Math.max(integer(fields.pageNumber, 1), 1) - 1) * size, size };
      },
      envelope: (items, totalCount, page) => ({ result: items, totalCount, itemCount: page.size }),
    };
  }
  return undefined;
}

const allItems: PageRequest = { offset: 0, size: Number.MAX_SAFE_INTEGER };

function arrayItems(schema: JsonSchema | undefined): JsonSchema | undefined {
  return isObject(schema?.items) ? schema.items : undefined;
}

function querySchema(operation: HttpOperation, name: string): JsonSchema | undefined {
  const parameter = operation.request?.query?.find((candidate) => candidate.name === name);
  return isObject(parameter?.schema) ? (parameter.schema as JsonObject) : undefined;
}

// The schema's default when the caller sends none, capped at its maximum like a real server.
function pageSize(value: unknown, schema: JsonSchema | undefined): number {
  const fallback = typeof schema?.default === "number" ? schema.default : 50;
  const maximum = typeof schema?.maximum === "number" ? schema.maximum : Number.MAX_SAFE_INTEGER;
  return Math.min(Math.max(integer(value, fallback), 1), maximum);
}

function integer(value: unknown, fallback: number): number {
  const parsed = typeof value === "number" ? value : Number.parseInt(String(value ?? ""), 10);
  return Number.isInteger(parsed) ? parsed : fallback;
}
