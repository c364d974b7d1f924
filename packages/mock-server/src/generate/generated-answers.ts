// Stateless answers for a document without examples. Prism alone would answer `"string"` and
// -2147483648; here a body is generated from the response schema with a Faker seeded by the
// operation, and every paged operation pages over one fixed dataset, so `totalCount` and the
// pages agree (page n of size k holds items n*k … n*k+k-1).
import {
  type HttpOperation,
  isObject,
  type JsonSchema,
  responseExamples,
  successResponse,
} from "../document/http-operation.js";
import type { SandboxResponse } from "../http/sandbox-response.js";
import { detectPaging } from "../sandbox/paging-shape.js";
import { exampleItems } from "../sandbox/seed.js";
import { fakeValue } from "./fake-value.js";
import { seededFaker } from "./seeded-faker.js";

/** How many items a paged operation without an example lists. */
export const generatedListLength = 25;

export interface GeneratedAnswers {
  /** The answer for a request Prism accepted with `status`, or undefined to keep Prism's (it came from an example). */
  answer(
    operation: HttpOperation,
    status: number,
    query: Record<string, string>,
    body: unknown,
  ): SandboxResponse | undefined;
}

export function createGeneratedAnswers(seedText: string): GeneratedAnswers {
  const datasets = new Map<HttpOperation, unknown[]>();
  const datasetOf = (operation: HttpOperation, itemSchema: JsonSchema | undefined, itemsField?: string): unknown[] => {
    let items = datasets.get(operation);
    if (items === undefined) {
      const status = String(successResponse(operation).status);
      const examples = responseExamples(operation, status).flatMap((example) => exampleItems(example, itemsField));
      items =
        examples.length > 0
          ? examples
          : Array.from({ length: generatedListLength }, (_, index) =>
              fakeValue(itemSchema, seededFaker(seedText, operation.method, operation.path, index), operation.path),
            );
      datasets.set(operation, items);
    }
    return items;
  };

  return {
    answer(operation, status, query, body) {
      const success = successResponse(operation);
      const paging = status === success.status ? detectPaging(operation) : undefined;
      if (paging !== undefined) {
        const items = datasetOf(operation, paging.itemSchema, paging.itemsField);
        const page = paging.readPage(query, body);
        return json(status, paging.envelope(items.slice(page.offset, page.offset + page.size), items.length, page));
      }
      if (responseExamples(operation, String(status)).length > 0) return undefined;
      const schema = responseSchema(operation, status);
      if (schema === undefined) return undefined;
      const faker = seededFaker(seedText, operation.method, operation.path, status);
      return json(status, fakeValue(schema, faker, operation.path));
    },
  };
}

function responseSchema(operation: HttpOperation, status: number): JsonSchema | undefined {
  const response = operation.responses.find((candidate) => candidate.code === String(status));
  const contents = response?.contents ?? [];
  const schema = (contents.find((content) => /[/+]json\b/.test(content.mediaType)) ?? contents[0])?.schema;
  return isObject(schema) ? schema : undefined;
}

function json(status: number, body: unknown): SandboxResponse {
  const type = status >= 400 ? "application/problem+json" : "application/json; charset=utf-8";
  return { status, headers: { "content-type": type }, body };
}
