import type { TokenProvider } from "../auth/token-provider.js";
import { AuthenticationError } from "../errors.js";
import type { CrmClientHooks } from "../hooks.js";
import { type CrmRequest, contextOfRequest, type Policy, withHeaders } from "./pipeline.js";
import { isHeaderSafe } from "./tenant-header.js";

export interface AuthorizationOptions {
  tokens: TokenProvider;
  /** `scheme://host[:port]` of baseUrl: the only origin that receives the access token. */
  apiOrigin: string;
  hooks: CrmClientHooks;
}

/**
 * Adds the bearer token, on this attempt's own copy of the request, so that no one above (user
 * middleware included) ever sees it. A 401 to a token the provider can replace is replayed
 * once with a fresh token.
 */
export function authorizationPolicy(options: AuthorizationOptions): Policy {
  const { tokens, hooks } = options;
  const apiPrefix = `${options.apiOrigin}/`;
  let checkedToken: string | undefined;

  const authorized = async (request: CrmRequest): Promise<{ request: CrmRequest; token: string }> => {
    const token = await tokens.token(request.settings.signal);
    if (token !== checkedToken) {
      // Never let Headers#set reject a token: its TypeError would quote it.
      if (!isHeaderSafe(token)) {
        const problem = "The access token holds characters a header cannot carry (CR, LF or other control characters)";
        throw new AuthenticationError(problem, undefined, undefined, contextOfRequest(request));
      }
      checkedToken = token;
    }
    return { request: withHeaders(request, (headers) => headers.set("authorization", `Bearer ${token}`)), token };
  };

  return async (request, next) => {
    if (!request.url.startsWith(apiPrefix))
      return next(withHeaders(request, (headers) => headers.delete("authorization")));
    const first = await authorized(request);
    const response = await next(first.request);
    if (response.status !== 401 || !(await tokens.invalidate(first.token))) return response;
    await response.body?.cancel();
    const { method, path, attempts } = contextOfRequest(request);
    hooks.onRetry?.({ method, path, attempt: attempts, reason: "unauthorized", delayMs: 0 });
    request.trace.attempts++;
    return next((await authorized(request)).request);
  };
}
