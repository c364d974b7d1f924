import { untilAborted } from "../transport/abort.js";
import type { Clock } from "../transport/clock.js";

/** Supplies the bearer token for API requests. */
export interface TokenProvider {
  /** A usable token: the cached one, or one fetched now (concurrent callers share one fetch). */
  token(signal?: AbortSignal | null): Promise<string>;
  /** Forgets `rejected` after the API answered 401 to it; true when a replay may get a different token. */
  invalidate(rejected: string): Promise<boolean>;
}

/** What an `accessToken` function may return: the token, or the token and when it expires. */
export type AccessTokenResult = string | { accessToken: string; expiresAt?: number | Date; expiresInSeconds?: number };

export type AccessTokenFunction = () => AccessTokenResult | Promise<AccessTokenResult>;

/**
 * A token the caller holds, or gets from its own function (e.g. SSO). The function is called
 * once, its token kept until the API answers 401 to it or until the expiry it returned; callers
 * arriving meanwhile share one call.
 */
export function accessTokenProvider(
  accessToken: string | AccessTokenFunction,
  options: { clock: Clock; onToken: (token: string) => void },
): TokenProvider {
  if (typeof accessToken === "string") {
    const token = Promise.resolve(accessToken);
    return { token: () => token, invalidate: async () => false };
  }
  let current: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const call = async (): Promise<string> => {
    const result = await accessToken();
    const read = readAccessTokenResult(result, options.clock.now());
    options.onToken(read.token);
    current = read;
    return read.token;
  };
  return {
    token(signal) {
      if (current && options.clock.now() < current.expiresAt) return Promise.resolve(current.token);
      pending ??= call().finally(() => {
        pending = undefined;
      });
      return untilAborted(pending, signal);
    },
    async invalidate(rejected) {
      if (current?.token === rejected) current = undefined;
      return true;
    },
  };
}

function readAccessTokenResult(result: AccessTokenResult, now: number): { token: string; expiresAt: number } {
  if (typeof result === "string") return { token: result, expiresAt: Number.POSITIVE_INFINITY };
  if (typeof result !== "object" || result === null || typeof result.accessToken !== "string")
    throw new TypeError(
      "The accessToken function must return a string or { accessToken, expiresAt | expiresInSeconds }",
    );
  const { expiresAt, expiresInSeconds } = result;
  const at =
    expiresAt instanceof Date
      ? expiresAt.getTime()
      : typeof expiresAt === "number"
        ? expiresAt
        : typeof expiresInSeconds === "number"
          ? now + expiresInSeconds * 1000
          : Number.POSITIVE_INFINITY;
  // An expiry that is no time (an invalid Date, NaN) would make every request call the function again.
  if (Number.isNaN(at) || (expiresAt === undefined && expiresInSeconds !== undefined && !Number.isFinite(at)))
    throw new TypeError(
      "The accessToken function returned an expiry that is not a time: expiresAt must be a valid Date or epoch milliseconds, expiresInSeconds a finite number",
    );
  return { token: result.accessToken, expiresAt: at };
}
