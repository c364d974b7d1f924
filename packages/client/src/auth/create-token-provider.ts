import type { ResolvedConfig } from "../config.js";
import type { LogSink } from "../logging/logger.js";
import type { SecretScrubber } from "../logging/redact.js";
import { processTokenStore } from "../stores/process-defaults.js";
import { clientCredentialsProvider } from "./client-credentials.js";
import { requestToken } from "./request-token.js";
import { accessTokenProvider, type TokenProvider } from "./token-provider.js";

/** The key of a set of credentials in a TokenStore: token URL, client id and scope, never the secret. */
export function tokenStoreKey(tokenUrl: string, clientId: string, scope: string | undefined): string {
  return JSON.stringify([tokenUrl, clientId, scope ?? ""]);
}

/**
 * The client's token provider: the caller's token or token function, or the client-credentials
 * grant on a TokenStore. Every token this client uses, its own or one another client stored,
 * goes to its scrubber.
 */
export function createTokenProvider(config: ResolvedConfig, log: LogSink, scrubber: SecretScrubber): TokenProvider {
  const { credentials, hooks, clock } = config;
  const onToken = (token: string) => scrubber.add(token);
  if (credentials.kind === "access-token") {
    if (typeof credentials.accessToken === "string") onToken(credentials.accessToken);
    return accessTokenProvider(credentials.accessToken, { clock, onToken });
  }
  scrubber.add(credentials.clientSecret, { permanent: true });
  const { fetch, maxRetries, timeoutMs, maxResponseBytes } = config;
  return clientCredentialsProvider({
    store: config.tokenStore ?? processTokenStore(clock, credentials.clientSecret),
    key: tokenStoreKey(credentials.tokenUrl, credentials.clientId, credentials.scope),
    tokenUrl: credentials.tokenUrl,
    scope: credentials.scope,
    clock,
    onToken,
    requestToken: () =>
      requestToken({
        ...credentials,
        ...{ fetch, log, hooks, clock, maxRetries, timeoutMs, maxResponseBytes },
        scrub: scrubber.scrub,
      }),
    onRefresh: (event) => {
      const what = event.reason === "initial" ? "fetched" : "refreshed";
      log.log("debug", `token ${what} (${event.reason}), expires in ${event.expiresInSeconds} s`);
      try {
        hooks.onTokenRefresh?.(event);
      } catch (error) {
        // The token is fetched and shared with every caller waiting for it: a failing observer must not discard it.
        log.log("warn", `hooks.onTokenRefresh threw, the token is kept: ${(error as Error)?.message ?? String(error)}`);
      }
    },
    onBackgroundError: (error) =>
      log.log("warn", `background token refresh failed, still using the current token: ${(error as Error).message}`),
  });
}
