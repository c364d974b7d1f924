// The errors that carry no response: the base class, bad options, and unsafe pagination.
/** What a support ticket needs to find a request again. Never holds a secret. */
export interface RequestContext {
  method: string;
  /** URL path of the request, without the query string. */
  path: string;
  tenantCode: string | undefined;
  /** The server's request id when it sent one, else the client's X-Correlation-ID. */
  requestId: string | undefined;
  /** How many attempts were made, retries and the 401 replay included. */
  attempts: number;
}

/** Base class of every error the client throws. */
export class CrmError extends Error {
  override name = "CrmError";
}

/** Thrown by `createCrmClient` when an option or its environment variable is missing or invalid. */
export class ConfigurationError extends CrmError {
  override name = "ConfigurationError";
  constructor(
    /** The option at fault, e.g. `tenantCode`. */
    readonly option: string,
    /** The environment variable that can also set it, e.g. `ENGAGIFII_TENANT_CODE`. */
    readonly environmentVariable: string | undefined,
    problem: string,
  ) {
    const source = environmentVariable ? `${option} (or ${environmentVariable})` : option;
    super(`Invalid Engagifii CRM client configuration: ${source} ${problem}`);
  }
}

/** Pagination cannot go on safely, e.g. the server ignores the page position and would loop. */
export class PaginationError extends CrmError {
  override name = "PaginationError";
}
