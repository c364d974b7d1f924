// How a list operation pages. Which operations page, and through which fields, is decided by the
// same detector that generates the client's per-operation metadata (packages/types/scripts/
// paging-shape.ts, bundled into this package at build): one detector, so the mock pages exactly
// where the client paginates. Here its answer becomes a page reader and an envelope writer.
import { detectPaging as detectDocumentPaging } from "../../../types/scripts/paging-shape.js";
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
  /** `paged`: a page envelope (`{data,totalCount,pageIndex,pageSize}`, `{result,totalCount,itemCount}`, …);
   *  `array`: a bare array, everything at once. */
  kind: "paged" | "array";
  /** The response field with the items (`data`, `result`, …); undefined for a bare array. */
  itemsField?: string;
  /** Schema of one item. */
  itemSchema: JsonSchema | undefined;
  /** Query or body fields that select the page rather than filter the items. */
  pagingFields: string[];
  readPage(query: Record<string, string>, body: unknown): PageRequest;
  envelope(items: unknown[], totalCount: number, page: PageRequest): unknown;
  /** The request fields that ask for the first page of (at most) `size` items, and where they go; none for an array. */
  firstPageRequest(size: number): FirstPageRequest | undefined;
}

export interface FirstPageRequest {
  location: "query" | "body";
  fields: Record<string, number>;
}

export function detectPaging(operation: HttpOperation): PagingShape | undefined {
  const schema = successResponse(operation).schema;
  if (operation.method === "get" && allowsType(schema, "array")) {
    const itemSchema = isObject(schema?.items) ? schema.items : undefined;
    return {
      kind: "array",
      itemSchema,
      pagingFields: [],
      readPage: () => allItems,
      envelope: (items) => items,
      firstPageRequest: () => undefined,
    };
  }
  const shape = detectDocumentPaging({}, operation.method, asDocumentOperation(operation, schema), {});
  if (shape === undefined) return undefined;
  const { pageField, sizeField, firstPage } = shape;
  const sizeSchema =
    sizeField === undefined
      ? undefined
      : shape.location === "query"
        ? querySchema(operation, sizeField)
        : schemaProperties(requestBodySchema(operation))[sizeField];
  return {
    kind: "paged",
    itemsField: shape.itemsField,
    itemSchema: arrayItems(schemaProperties(schema)[shape.itemsField]),
    pagingFields: [pageField, ...(sizeField === undefined ? [] : [sizeField])],
    readPage(query, body) {
      const fields: Record<string, unknown> = shape.location === "query" ? query : isObject(body) ? body : {};
      const size = pageSize(sizeField === undefined ? undefined : fields[sizeField], sizeSchema);
      return { offset: (Math.max(integer(fields[pageField], firstPage), firstPage) - firstPage) * size, size };
    },
    firstPageRequest(size) {
      const fields: Record<string, number> = { [pageField]: firstPage };
      if (sizeField !== undefined) fields[sizeField] = pageSize(size, sizeSchema);
      return { location: shape.location, fields };
    },
    envelope(items, totalCount, page) {
      const envelope: JsonObject = { [shape.itemsField]: items, [shape.totalField]: totalCount };
      if (shape.reportedPageField) envelope[shape.reportedPageField] = Math.floor(page.offset / page.size) + firstPage;
      if (shape.reportedSizeField) envelope[shape.reportedSizeField] = page.size;
      return envelope;
    },
  };
}

// Prism's operation in the OpenAPI 3 form the detector reads. Prism has dereferenced every schema
// already, and turned `nullable` into a `null` type, which the detector's `type: array` test undoes here.
function asDocumentOperation(operation: HttpOperation, schema: JsonSchema | undefined): JsonObject {
  const properties = Object.fromEntries(
    Object.entries(schemaProperties(schema)).map(([name, property]) => [
      name,
      {
        ...property,
        type: Array.isArray(property.type) ? property.type.find((type) => type !== "null") : property.type,
      },
    ]),
  );
  const json = (body: unknown) => ({ content: { "application/json": { schema: body } } });
  return {
    parameters: (operation.request?.query ?? []).map((parameter) => ({ name: parameter.name, in: "query" })),
    requestBody: json(requestBodySchema(operation)),
    responses: { [String(successResponse(operation).status)]: json({ ...schema, properties }) },
  };
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
