import { getHttpOperationsFromSpec, resetJSONSchemaGenerator } from "@stoplight/prism-http";

type HttpOperations = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>;

/**
 * Reads and dereferences an OpenAPI document (its path or URL, or the parsed document, which is
 * left as it is) into Prism's operations, failing with a one-line message.
 */
export async function loadOperations(spec: string | Record<string, unknown>): Promise<HttpOperations> {
  const name = typeof spec === "string" ? spec : "(a parsed document)";
  let operations: HttpOperations;
  try {
    // The ref parser dereferences a parsed document in place.
    operations = await getHttpOperationsFromSpec(typeof spec === "string" ? spec : structuredClone(spec));
  } catch (error) {
    // The ref parser's messages span lines ("Error opening file …\nENOENT …"); a CLI wants one.
    const message = (error instanceof Error ? error.message : String(error)).trim().replace(/\s*\n\s*/g, "; ");
    throw new Error(`Cannot load the OpenAPI document ${name}: ${message}`, { cause: error });
  }
  if (operations.length === 0) {
    throw new Error(`No operations found in ${name}`);
  }
  // Prism's schema faker is a process-wide singleton; `prism mock` resets it on start, and so do we.
  resetJSONSchemaGenerator();
  return operations;
}
