// What a generated case sends, from the document: a JSON body (the operation's own request example
// when the document has one, else a value generated from its schema without the readOnly fields) and
// values for the required query and header parameters. The mock's seeded data generator makes them,
// so every run sends the same requests, and they look like what an integration sends.
import {
  type HttpOperation,
  isObject,
  type JsonSchema,
  requestBodySchema,
  schemaProperties,
} from "../../src/document/http-operation.js";
import { fakeValue } from "../../src/generate/fake-value.js";
import { seededFaker } from "../../src/generate/seeded-faker.js";

const seedText = "engagifii-contract-tests";

/** The headers the client owns: a document may declare them, the client always sends its own. */
export const clientHeaders = new Set(["tenant-code", "authorization", "accept", "content-type"]);

/** The JSON body for the operation, or undefined when it takes none. */
export function requestBody(operation: HttpOperation): unknown {
  const content = operation.request?.body?.contents?.find((candidate) => /[/+]json\b/.test(candidate.mediaType));
  const example = content?.examples?.find((candidate) => "value" in candidate);
  if (example !== undefined && "value" in example) return structuredClone(example.value);
  const schema = requestBodySchema(operation);
  if (schema === undefined) return undefined;
  return fakeValue(writable(schema), seededFaker(seedText, operation.method, operation.path, "body"), operation.path);
}

/** Whether the operation takes a body the client cannot send as JSON (a form, a file). */
export function nonJsonBody(operation: HttpOperation): string | undefined {
  const contents = operation.request?.body?.contents ?? [];
  if (contents.length === 0 || contents.some((content) => /[/+]json\b/.test(content.mediaType))) return undefined;
  return contents.map((content) => content.mediaType).join(", ");
}

/** Values for the required parameters in the query or headers, except those in `except` (page fields). */
export function requiredParameters(
  operation: HttpOperation,
  location: "query" | "headers",
  except: readonly string[] = [],
): Record<string, unknown> {
  const parameters = operation.request?.[location] ?? [];
  return Object.fromEntries(
    parameters
      .filter((parameter) => parameter.required === true && !except.includes(parameter.name))
      .filter((parameter) => location !== "headers" || !clientHeaders.has(parameter.name.toLowerCase()))
      .map((parameter) => [parameter.name, parameterValue(operation, location, parameter.name)]),
  );
}

/** A value for one parameter from its schema: its example, else a generated one that fits its name. */
export function parameterValue(operation: HttpOperation, location: "path" | "query" | "headers", name: string) {
  const parameter = operation.request?.[location]?.find((candidate) => candidate.name === name);
  const example = parameter?.examples?.find((candidate) => "value" in candidate);
  if (example !== undefined && "value" in example) return example.value;
  const schema = isObject(parameter?.schema) ? (parameter.schema as JsonSchema) : { type: "string" };
  // Generated as a property, so the generator sees the name (`personId` is an id, `email` an address).
  const holder = fakeValue(
    { type: "object", properties: { [name]: schema } },
    seededFaker(seedText, operation.method, operation.path, location, name),
    operation.path,
  );
  return isObject(holder) ? holder[name] : undefined;
}

// A request carries no readOnly field: the server sets those, and a strict server rejects them.
function writable(schema: JsonSchema): JsonSchema {
  const result: JsonSchema = { ...schema };
  const properties = schemaProperties(schema);
  if (Object.keys(properties).length > 0) {
    const kept = Object.entries(properties).filter(([, property]) => property.readOnly !== true);
    result.properties = Object.fromEntries(kept.map(([name, property]) => [name, writable(property)]));
    if (Array.isArray(schema.required)) {
      const names = new Set(kept.map(([name]) => name));
      result.required = schema.required.filter((name) => names.has(String(name)));
    }
  }
  if (isObject(schema.items)) result.items = writable(schema.items);
  for (const keyword of ["allOf", "anyOf", "oneOf"]) {
    const parts = schema[keyword];
    if (Array.isArray(parts)) result[keyword] = parts.map((part) => (isObject(part) ? writable(part) : part));
  }
  return result;
}
