import Ajv from "ajv";
import addFormats from "ajv-formats";
import { componentsId, toJsonSchema } from "./to-json-schema.js";

/** Validates a value against an OpenAPI 3.0 schema of `document`; returns Ajv's messages, or "" when it is valid. */
export type ResponseValidator = (schema: unknown, value: unknown) => string;

export function createResponseValidator(document: Record<string, unknown>): ResponseValidator {
  // Not strict: a pulled live document may carry keywords Ajv does not know, and they do not validate anything.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const components = (document.components ?? {}) as { schemas?: Record<string, unknown> };
  const definitions = Object.fromEntries(
    Object.entries(components.schemas ?? {}).map(([name, schema]) => [name, toJsonSchema(schema)]),
  );
  ajv.addSchema({ $id: componentsId, definitions });
  const compiled = new Map<unknown, ReturnType<typeof ajv.compile>>();
  return (schema, value) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(toJsonSchema(schema) as object);
      compiled.set(schema, validate);
    }
    if (validate(value)) return "";
    return (validate.errors ?? [])
      .map((error) => `${error.instancePath || "/"} ${error.message ?? "is invalid"}`)
      .join("\n");
  };
}
