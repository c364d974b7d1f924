import { createLogger } from "@stoplight/prism-core";
import type { IHttpConfig } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import { loadOperations } from "../../src/load-operations.js";

export interface ValidationProxy {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Prism's validation proxy in this process on a free loopback port: what `prism proxy
 * <spec> <upstream> --errors` does, without a child process to clean up. Every request is
 * forwarded to `upstream`; a request or response that breaks the spec comes back as Prism's
 * error (422 or 500, listing the violations) or, for warnings, in an `sl-violations` header.
 */
export async function startValidationProxy(spec: string, upstream: string): Promise<ValidationProxy> {
  const operations = await loadOperations(spec);
  const config: IHttpConfig = {
    isProxy: true,
    upstream: new URL(upstream),
    upstreamProxy: undefined,
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: true,
    mock: { dynamic: false },
  };
  const logger = createLogger("PRISM", { level: "silent" }, process.stderr);
  const server = createServer(operations, { cors: false, config, components: { logger } });
  const address = await server.listen(0, "127.0.0.1");
  const port = Number(/:(\d+)$/.exec(address)?.[1]);
  return { url: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
