import { isObject, jsonSchemaOf, type OpenApiDocument, type OpenApiObject, propertiesOf, resolve } from "./document.js";

/**
 * How one paged operation pages, as read from its document: where the page position and size go
 * in the request, and which fields of the response hold the items, the total and what the server
 * says it returned. The client's paginator is driven by this; it knows no path.
 */
export interface PagingShape {
  /** `query` for a GET (`?pageIndex=0&pageSize=50`), `body` for a POST (`{ pageNumber, itemCount }`). */
  location: "query" | "body";
  /** The request field that takes the page position. */
  pageField: string;
  /** The position of the first page: 0 for `pageIndex`, 1 for `pageNumber` and `page`. */
  firstPage: 0 | 1;
  /** The request field that takes the page size, when the operation has one. */
  sizeField?: string;
  /** The response field with the page's items (an array). */
  itemsField: string;
  /** The response field with the number of items in the whole list. */
  totalField: string;
  /** The response field in which the server reports its page size, when it has one. */
  reportedSizeField?: string;
  /** The response field in which the server reports the page it returned, when it has one. */
  reportedPageField?: string;
}

const PAGE_FIELDS: Record<string, 0 | 1> = { pageindex: 0, pagenumber: 1, page: 1 };
const SIZE_FIELDS = ["pagesize", "itemcount", "limit", "perpage"];
const ITEMS_FIELDS = ["data", "result", "results", "items", "value", "records"];
const TOTAL_FIELDS = ["totalcount", "total", "totalitems", "totalrecords"];

function find(names: string[], candidates: string[]): string | undefined {
  for (const candidate of candidates) {
    const name = names.find((field) => field.toLowerCase() === candidate);
    if (name !== undefined) return name;
  }
  return undefined;
}

function successSchema(document: OpenApiDocument, operation: OpenApiObject): unknown {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const status = Object.keys(responses).find((code) => /^2\d\d$/.test(code));
  return status === undefined ? undefined : jsonSchemaOf(document, responses[status]);
}

function requestFields(document: OpenApiDocument, method: string, operation: OpenApiObject, pathItem: OpenApiObject) {
  if (method === "get") {
    const parameters = [
      ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
      ...(Array.isArray(operation.parameters) ? operation.parameters : []),
    ];
    const names = parameters
      .map((parameter) => resolve(document, parameter))
      .filter((parameter) => parameter?.in === "query" && typeof parameter.name === "string")
      .map((parameter) => parameter?.name as string);
    return { location: "query" as const, names };
  }
  if (method === "post") {
    const names = Object.keys(propertiesOf(document, jsonSchemaOf(document, operation.requestBody)));
    return { location: "body" as const, names };
  }
  return undefined;
}

/** The paging shape of an operation, or undefined when it does not page (or pages in a way no rule knows). */
export function detectPaging(
  document: OpenApiDocument,
  method: string,
  operation: OpenApiObject,
  pathItem: OpenApiObject,
): PagingShape | undefined {
  const request = requestFields(document, method, operation, pathItem);
  if (!request) return undefined;
  const pageField = find(request.names, Object.keys(PAGE_FIELDS));
  if (pageField === undefined) return undefined;
  const response = propertiesOf(document, successSchema(document, operation));
  const responseNames = Object.keys(response);
  const itemsField = find(
    responseNames.filter((name) => response[name]?.type === "array"),
    ITEMS_FIELDS,
  );
  const totalField = find(responseNames, TOTAL_FIELDS);
  if (itemsField === undefined || totalField === undefined) return undefined;
  const shape: PagingShape = {
    location: request.location,
    pageField,
    firstPage: PAGE_FIELDS[pageField.toLowerCase()] ?? 0,
    itemsField,
    totalField,
  };
  const sizeField = find(request.names, SIZE_FIELDS);
  if (sizeField !== undefined) shape.sizeField = sizeField;
  const reportedSizeField = find(responseNames, SIZE_FIELDS);
  if (reportedSizeField !== undefined) shape.reportedSizeField = reportedSizeField;
  const reportedPageField = find(responseNames, Object.keys(PAGE_FIELDS));
  if (reportedPageField !== undefined) shape.reportedPageField = reportedPageField;
  return shape;
}
