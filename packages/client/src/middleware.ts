import type { Middleware } from "openapi-fetch";

const readable = new WeakMap<Middleware, Middleware>();

/**
 * The middleware as the client registers it: its `onResponse` gets a copy of the response, so
 * that reading the body there leaves openapi-fetch's own to parse. The same middleware always
 * maps to the same copy, so that `eject` finds it.
 */
export function readableMiddleware(middleware: Middleware): Middleware {
  if (typeof middleware !== "object" || middleware === null || typeof middleware.onResponse !== "function")
    return middleware;
  const known = readable.get(middleware);
  if (known) return known;
  const { onRequest, onResponse, onError } = middleware;
  const copy: Middleware = {
    onResponse: (params) => onResponse.call(middleware, { ...params, response: params.response.clone() }),
  };
  if (onRequest) copy.onRequest = onRequest.bind(middleware);
  if (onError) copy.onError = onError.bind(middleware);
  readable.set(middleware, copy);
  return copy;
}
