import { createLogger } from "@stoplight/prism-core";
import type { IHttpConfig } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import type { HttpOperation } from "../../src/document/http-operation.js";

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
export async function startValidationProxy(operations: HttpOperation[], upstream: string): Promise<ValidationProxy> {
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
