import { AuthenticationError, InvalidResponseError, type RequestContext } from "../errors.js";
import { AttemptTimeout } from "../transport/abort.js";
import { correlationHeader } from "../transport/correlation-id.js";
import { BodyTooLarge, readBounded } from "../transport/read-body.js";
import { describeTarget, redirectTarget } from "../transport/redirects.js";
import { wasNeverSent } from "../transport/retry-rules.js";
import type { TokenAnswer, TokenFetchOptions } from "./token-fetch.js";

/** A token attempt that got no usable answer: what the retry decision needs. */
export class AttemptError extends Error {
  constructor(
    readonly timedOut: boolean,
    readonly neverSent: boolean,
    options: ErrorOptions,
  ) {
    super("token attempt failed", options);
  }
}

/**
 * One POST of the token form within `timeoutMs`: a 307 or 308 is followed only within tokenUrl's
 * origin (at most three), any other redirect is an AuthenticationError; the answer is read within
 * maxResponseBytes.
 */
export async function attempt(
  tokenUrl: string,
  form: string,
  options: TokenFetchOptions,
  context: RequestContext,
): Promise<TokenAnswer> {
  const { clock, timeoutMs } = options;
  const controller = new AbortController();
  const timer = clock.setTimeout(() => controller.abort(new AttemptTimeout("token request timed out")), timeoutMs);
  let answered = false;
  try {
    let url = tokenUrl;
    for (let hops = 0; ; hops++) {
      const request = new Request(url, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
          [correlationHeader]: context.requestId ?? "",
        },
        body: form,
        redirect: "manual",
      });
      options.log.log("debug", `→ POST ${url} attempt ${context.attempts} (token request)`);
      const response = await options.fetch(request, { signal: controller.signal });
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        const target = redirectTarget(location, url);
        const keepsMethod = response.status === 307 || response.status === 308;
        if (typeof target === "string" || !keepsMethod || target.origin !== new URL(tokenUrl).origin || hops >= 3) {
          const where = describeTarget(target);
          const message = `Token request to ${tokenUrl} was redirected (${response.status}) to ${where}; not followed: the client secret is only sent to tokenUrl's origin`;
          throw new AuthenticationError(message, response.status, undefined, context);
        }
        url = target.href;
        continue;
      }
      answered = true;
      const text = new TextDecoder().decode(await readBounded(response, options.maxResponseBytes));
      return { status: response.status, headers: response.headers, text, context };
    }
  } catch (error) {
    if (error instanceof AuthenticationError) throw error;
    if (error instanceof BodyTooLarge)
      throw new InvalidResponseError(
        `Token response from ${tokenUrl} is ${error.message}`,
        undefined,
        undefined,
        context,
      );
    const timedOut = controller.signal.reason instanceof AttemptTimeout;
    throw new AttemptError(timedOut, !answered && wasNeverSent(error), { cause: error });
  } finally {
    clock.clearTimeout(timer);
  }
}
