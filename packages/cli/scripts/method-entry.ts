import type { ResolvedMethod } from "../../client/scripts/resource-map.js";
import { isObject, type OpenApiDocument, resolve } from "../../types/scripts/document.js";
import { detectPaging } from "../../types/scripts/paging-shape.js";
import { kebabCase } from "../src/kebab-case.js";
import type { MethodEntry, OperationReference, ParameterEntry } from "../src/resource-entry.js";

/** A method of the map as its subcommand: arguments, options, body and help, from the document. */
export function methodEntry(document: OpenApiDocument, method: ResolvedMethod): MethodEntry {
  const pathItem = document.paths?.[method.path] ?? {};
  const operation = isObject(pathItem[method.method]) ? (pathItem[method.method] as Record<string, unknown>) : {};
  const parameters = parametersOf(document, pathItem, operation);
  // A paged GET's page position and size are the paginator's to fill, not options.
  const shape = method.paginate ? detectPaging(document, method.method, operation, pathItem) : undefined;
  const pageFields = shape?.location === "query" ? [shape.pageField, shape.sizeField] : [];
  const summary = [operation.summary, method.operationId].find(
    (text): text is string => typeof text === "string" && text.trim() !== "",
  );
  return {
    command: kebabCase(method.name),
    operation: reference(method),
    summary: summary?.trim().split("\n", 1)[0] ?? `${method.method.toUpperCase()} ${method.path}`,
    paginate: method.paginate,
    pathParameters: method.pathParameters
      .map(
        (name) =>
          parameters.find((parameter) => parameter.in === "path" && parameter.name === name) ?? {
            name,
            required: true,
          },
      )
      .map(entryOf),
    queryParameters: parameters
      .filter((parameter) => parameter.in === "query" && !pageFields.includes(parameter.name))
      .map(entryOf),
    body: !method.hasBody ? "none" : method.bodyRequired && !method.paginate ? "required" : "optional",
  };
}

export function reference(method: ResolvedMethod): OperationReference {
  return {
    method: method.method.toUpperCase() as OperationReference["method"],
    path: method.path,
    ...(method.operationId ? { operationId: method.operationId } : {}),
  };
}

interface Parameter {
  name: string;
  in?: unknown;
  required?: unknown;
  description?: unknown;
}

/** The path item's parameters, then the operation's, which replace those of the same name and place. */
function parametersOf(
  document: OpenApiDocument,
  pathItem: Record<string, unknown>,
  operation: Record<string, unknown>,
) {
  const byKey = new Map<string, Parameter>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const parameter = resolve(document, raw);
      if (typeof parameter?.name === "string")
        byKey.set(`${parameter.in} ${parameter.name}`, { ...parameter, name: parameter.name });
    }
  }
  return [...byKey.values()];
}

function entryOf(parameter: Parameter): ParameterEntry {
  const description = typeof parameter.description === "string" ? parameter.description.trim() : "";
  return {
    name: parameter.name,
    required: parameter.in === "path" || parameter.required === true,
    ...(description ? { description: description.split("\n", 1)[0] as string } : {}),
  };
}
