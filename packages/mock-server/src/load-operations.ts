import { getHttpOperationsFromSpec, resetJSONSchemaGenerator } from "@stoplight/prism-http";

type HttpOperations = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>;

/** Reads and dereferences an OpenAPI document into Prism's operations, failing with a one-line message. */
export async function loadOperations(spec: string): Promise<HttpOperations> {
  let operations: HttpOperations;
  try {
    operations = await getHttpOperationsFromSpec(spec);
  } catch (error) {
    // The ref parser's messages span lines ("Error opening file …\nENOENT …"); a CLI wants one.
    const message = (error instanceof Error ? error.message : String(error)).trim().replace(/\s*\n\s*/g, "; ");
    throw new Error(`Cannot load the OpenAPI document ${spec}: ${message}`, { cause: error });
  }
  if (operations.length === 0) {
    throw new Error(`No operations found in ${spec}`);
  }
  // Prism's schema faker is a process-wide singleton; `prism mock` resets it on start, and so do we.
  resetJSONSchemaGenerator();
  return operations;
}
