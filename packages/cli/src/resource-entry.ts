/** One operation of the document, as the resource table names it. */
export interface OperationReference {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The document's template, e.g. `/api/v1/people/{personId}`. */
  path: string;
  operationId?: string;
}

/** The verbs a resource command can have; each one the map names becomes a subcommand. */
export const resourceVerbs = ["list", "get", "create", "update", "delete"] as const;
export type ResourceVerb = (typeof resourceVerbs)[number];

/** One resource command (`engagifii people …`), generated from specs/resources.yaml and the document. */
export interface ResourceEntry {
  /** The command: `engagifii people …`, the map's resource name. */
  command: string;
  /** One record, for messages: "person" (from the get operation's response schema). */
  singular: string;
  /** The document's operations behind the verbs the map names. */
  operations: Partial<Record<ResourceVerb, OperationReference>>;
  /** The paged operation that reads every record (export, sync): the map's `iterate`, else a paged `list`. */
  every?: OperationReference;
  /** The columns of the readable table: the list item's required scalar fields, dates left out. */
  columns: string[];
}
