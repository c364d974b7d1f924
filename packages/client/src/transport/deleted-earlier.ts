import type { LogSink } from "../logging/logger.js";
import { type CrmRequest, contextOfRequest } from "./pipeline.js";

/** Set on the response of a DELETE that an earlier attempt of the same call already carried out. */
export const deletedEarlierHeader = "engagifii-deleted-by-earlier-attempt";

/**
 * A DELETE answered 404 after an earlier attempt may have reached the server (its response was
 * lost, or it failed on the way back): that attempt deleted the resource, so the call succeeded.
 * It is reported as a 204 carrying `engagifii-deleted-by-earlier-attempt: true`, which
 * middleware sees, and logged at info level.
 */
export async function deletedEarlier(notFound: Response, request: CrmRequest, log: LogSink): Promise<Response> {
  await notFound.body?.cancel();
  const { method, path, attempts } = contextOfRequest(request);
  log.log(
    "info",
    `${method} ${path} answered 404 on attempt ${attempts}: an earlier attempt deleted it; reported as deleted`,
  );
  const headers = new Headers(notFound.headers);
  headers.delete("content-length");
  headers.delete("content-type");
  headers.set(deletedEarlierHeader, "true");
  return new Response(null, { status: 204, statusText: "No Content", headers });
}
