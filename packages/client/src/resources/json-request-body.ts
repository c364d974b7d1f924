/**
 * The JSON request body of an operation, whether the document requires the body or not (Swashbuckle
 * never does: `requestBody?:`), from whichever `…/json` media type it lists.
 */
export type JsonRequestBody<Operation> = Operation extends { requestBody?: infer Body }
  ? NonNullable<Body> extends { content: infer Content }
    ? Content[keyof Content & `${string}/json`]
    : never
  : never;
