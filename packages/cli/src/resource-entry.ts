/** One operation of the document, as the resource table names it. */
export interface OperationReference {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The document's template, e.g. `/api/v1/people/{personId}`. */
  path: string;
  operationId?: string;
}

/**
 * The verbs with a command of their own shape (a table, `--page`, `<id>`); each one the map names
 * becomes that subcommand when its operation fits it (`list` and `create` without path parameters,
 * the others with one). Every other method of the map is a {@link MethodEntry}.
 */
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
  /** The map's other methods (`addPerson`, `{ paginate: … }` sub-lists, …), a subcommand each. */
  methods: MethodEntry[];
}

/** A parameter of an operation, as its command shows it. */
export interface ParameterEntry {
  name: string;
  required: boolean;
  /** The document's description, for --help. */
  description?: string;
}

/** One method of the map as a subcommand: `engagifii organizations add-person <organizationId> <personId>`. */
export interface MethodEntry {
  /** The subcommand: the map's method name in kebab-case (`addPerson` → `add-person`). */
  command: string;
  operation: OperationReference;
  /** The help line: the operation's summary, else its operationId. */
  summary: string;
  /** The map's `{ paginate: … }`: the command streams every item, page after page. */
  paginate: boolean;
  /** The positional arguments, in path order. */
  pathParameters: ParameterEntry[];
  /** An option each; a paged method's page fields are left out (the command fills them). */
  queryParameters: ParameterEntry[];
  /** Whether the operation takes a JSON body (`--data`, `-f`, `--input`), and whether it must. */
  body: "none" | "optional" | "required";
}
