import type { Middleware } from "openapi-fetch";
import { untilAborted } from "./transport/abort.js";
import { settingsKey, settingsOf } from "./transport/request-settings.js";

const wrapped = new WeakMap<Middleware, Middleware>();

/**
 * The middleware as the client registers it. Its `onResponse` gets a copy of the response, so
 * that reading the body there leaves openapi-fetch's own to parse. A Request its `onRequest`
 * returns keeps the request's own settings (timeout, retries, signal…). The same middleware
 * always maps to the same copy, so that `eject` finds it. A middleware that never settles still
 * lets the call end when the caller's signal aborts.
 */
export function clientMiddleware(middleware: Middleware): Middleware {
  if (typeof middleware !== "object" || middleware === null) return middleware;
  const known = wrapped.get(middleware);
  if (known) return known;
  const { onRequest, onResponse, onError } = middleware;
  const copy: Partial<Pick<Middleware & object, "onRequest" | "onResponse" | "onError">> = {};
  if (onRequest)
    copy.onRequest = async (params) => {
      const result = await untilAborted(
        Promise.resolve(onRequest.call(middleware, params)),
        callerSignal(params.request),
      );
      if (result instanceof Request && !(settingsKey in result) && settingsKey in params.request)
        Object.assign(result, { [settingsKey]: (params.request as unknown as Record<string, unknown>)[settingsKey] });
      return result;
    };
  if (onResponse)
    copy.onResponse = (params) =>
      untilAborted(
        Promise.resolve(onResponse.call(middleware, { ...params, response: params.response.clone() })),
        callerSignal(params.request),
      );
  if (onError) copy.onError = onError.bind(middleware);
  wrapped.set(middleware, copy as Middleware);
  return copy as Middleware;
}

function callerSignal(request: Request): AbortSignal | undefined {
  return settingsOf(request).signal;
}
