import { clip } from "../error-details.js";
import { InvalidResponseError } from "../errors.js";
import { type CrmRequest, contextOfRequest, type Next } from "./pipeline.js";

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const safeMethods = new Set(["GET", "HEAD"]);
const maxRedirects = 5;

/**
 * Sends the request (fetch is told `redirect: "manual"`) and follows only the redirects that
 * are safe: any for a GET or HEAD, and a 307 or 308 for other methods, which resends the same
 * method and body, to an http or https URL. A redirect to another origin never carries the credentials. A 301, 302 or
 * 303 to a POST, PUT, PATCH or DELETE would turn it into a GET that reports success: it is
 * refused with an InvalidResponseError naming the redirect.
 */
export async function followRedirects(request: CrmRequest, send: Next): Promise<Response> {
  let current = request;
  for (let hops = 0; ; hops++) {
    const response = await send(current);
    const location = response.headers.get("location");
    if (!redirectStatuses.has(response.status) || location === null) return response;
    await response.body?.cancel();
    const target = redirectTarget(location, current.url);
    const refuse = (why: string) => redirectRefused(request, response.status, target, why);
    if (typeof target === "string") throw refuse("the Location is not a URL");
    if (target.protocol !== "https:" && target.protocol !== "http:") throw refuse("only http and https are followed");
    if (hops >= maxRedirects) throw refuse(`after ${maxRedirects} redirects`);
    const safe = safeMethods.has(request.method);
    const keepsMethod = response.status === 307 || response.status === 308;
    if (!safe && !keepsMethod) throw refuse(`it would turn the ${request.method} into a GET`);
    const sameOrigin = target.origin === new URL(current.url).origin;
    const headers = new Headers(current.headers);
    if (!sameOrigin) for (const name of ["authorization", "cookie", "proxy-authorization"]) headers.delete(name);
    current = { ...current, url: target.href, headers };
  }
}

/** The URL a Location points to, or the Location itself (clipped) when it is not a URL. */
export function redirectTarget(location: string, base: string): URL | string {
  try {
    return new URL(location, base);
  } catch {
    return clip(JSON.stringify(location), 100);
  }
}

/** What a message says of a redirect's target: no query, which may hold anything. */
export function describeTarget(target: URL | string): string {
  if (typeof target === "string") return target;
  return target.origin === "null" ? `${target.protocol}…` : `${target.origin}${target.pathname}`;
}

function redirectRefused(request: CrmRequest, status: number, target: URL | string, why: string): InvalidResponseError {
  const context = contextOfRequest(request);
  const where = describeTarget(target);
  const message = `${context.method} ${context.path} was redirected (${status}) to ${where}; not followed: ${why}`;
  return new InvalidResponseError(message, status, undefined, context);
}
