import { CrmApiError } from "./errors.js";
import { metadataOf, pathOf, requestIdOf } from "./transport/response-metadata.js";

/** The shape openapi-fetch returns from GET, POST and the others. */
export type FetchResult<TData, TError> =
  | { data: TData; error?: never; response: Response }
  | { data?: never; error: TError; response: Response };

/** The request's description for an error, from what the transport recorded about the response. */
export function contextOf(response: Response) {
  const metadata = metadataOf(response);
  return {
    method: metadata?.method ?? "?",
    path: pathOf(metadata?.url ?? response.url),
    tenantCode: metadata?.tenantCode,
    requestId: requestIdOf(response.headers, metadata?.correlationId),
    attempts: metadata?.attempts ?? 1,
  };
}

/** Returns `data`, or throws the CrmApiError subclass for the response's status. */
export function unwrap<TData, TError>(result: FetchResult<TData, TError>): TData {
  const { response } = result;
  if (response.ok) return result.data as TData;
  // openapi-fetch hands back "" for an empty error body.
  const body = result.error === "" ? undefined : result.error;
  throw CrmApiError.fromResponse(response.status, body, contextOf(response), response.headers);
}
