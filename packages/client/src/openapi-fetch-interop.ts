import createClientExport from "openapi-fetch";

/**
 * openapi-fetch's `createClient`, from both of our builds. It is the default export; required
 * from our CommonJS build, Node's interop hands us openapi-fetch's whole `exports` object instead,
 * whose `default` is the function.
 */
export const createOpenApiClient: typeof createClientExport =
  typeof createClientExport === "function"
    ? createClientExport
    : (createClientExport as unknown as { default: typeof createClientExport }).default;
