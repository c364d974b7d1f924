import { CrmApiError } from "./errors.js";
import { metadataOf, pathOf, requestIdOf } from "./transport/response-metadata.js";

/** The shape openapi-fetch returns from GET, POST and the others. */
export type FetchResult<TData, TError> =
  | { data: TData; error?: never; response: Response }
  | { data?: never; error: TError; response: Response };

/**
 * The success body of a result: `data` of the member where it is required. Inferring it from the
 * whole union instead would add the error member's `data?: never`, which is `undefined` unless
 * the consumer enables exactOptionalPropertyTypes.
 */
export type SuccessData<Result> = Result extends { data: infer Data } ? Data : never;

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
export function unwrap<Result extends FetchResult<unknown, unknown>>(result: Result): SuccessData<Result> {
  const { response } = result;
  if (response.ok) return result.data as SuccessData<Result>;
  // openapi-fetch hands back "" for an empty error body.
  const body = result.error === "" ? undefined : result.error;
  throw CrmApiError.fromResponse(response.status, body, contextOf(response), response.headers);
}
