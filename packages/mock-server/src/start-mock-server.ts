import { createLogger } from "@stoplight/prism-core";
import type { IHttpConfig } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import { defaultSpecPath } from "./default-spec-path.js";
import { loadOperations } from "./load-operations.js";

/** Prism's log levels, from quietest to noisiest. */
export type MockServerLogLevel = "silent" | "fatal" | "error" | "warn" | "info" | "debug" | "trace";

export interface MockServerOptions {
  /** Port to listen on; 0 picks a free one. Default: 0. */
  port?: number;
  /** Interface to listen on. Default: "127.0.0.1". */
  host?: string;
  /** Path or URL of the OpenAPI document to serve. Default: the Engagifii CRM spec shipped in this package. */
  spec?: string;
  /** Generate response bodies from the schemas instead of returning the spec's examples. Default: false. */
  dynamic?: boolean;
  /** Seed for `dynamic` mode, so generated bodies are the same on every run. Default: none (random). */
  seed?: string;
  /** Turn response violations of the spec into 500 errors instead of only an `sl-violations` header. Default: false. */
  errors?: boolean;
  /** Prism's log level; logs go to stderr as JSON lines. Default: "silent". */
  logLevel?: MockServerLogLevel;
}

export interface MockServer {
  /** Base URL of the running mock, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** The port actually bound (useful with `port: 0`). */
  port: number;
  /** Closes the server and every open connection; resolves once the port is free. */
  stop(): Promise<void>;
}

/** Starts Prism in this process on the Engagifii CRM spec (or `options.spec`) and resolves once it listens. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? "127.0.0.1";
  const requestedPort = options.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new Error(`Invalid port ${requestedPort}: expected an integer from 0 to 65535`);
  }
  const operations = await loadOperations(options.spec ?? defaultSpecPath());

  // Same settings as `prism mock`: validate requests, responses and security on every call.
  const config: IHttpConfig = {
    isProxy: false,
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: options.errors ?? false,
    upstreamProxy: undefined,
    mock: { dynamic: options.dynamic ?? false, ...(options.seed === undefined ? {} : { seed: options.seed }) },
  };
  const logger = createLogger("PRISM", { level: options.logLevel ?? "silent" }, process.stderr);
  const server = createServer(operations, { cors: true, config, components: { logger } });

  let address: string;
  try {
    address = await server.listen(requestedPort, host);
  } catch (error) {
    throw listenError(error, requestedPort, host);
  }
  const port = Number(/:(\d+)$/.exec(address)?.[1]);
  let stopping: Promise<void> | undefined;
  // Memoised so a second stop() (say, afterAll after a failed test already stopped it) does not throw.
  const stop = () => {
    stopping ??= server.close();
    return stopping;
  };
  return { url: `http://${urlHost(host)}:${port}`, port, stop };
}

// Prism rejects listen() with the bare message string of Node's error, not an Error.
function listenError(error: unknown, port: number, host: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes("EADDRINUSE")) {
    return new Error(`Port ${port} on ${host} is already in use`);
  }
  if (message.includes("EACCES")) {
    return new Error(`Permission denied to listen on port ${port} on ${host}`);
  }
  return new Error(`Could not listen on ${host}:${port}: ${message}`);
}

// A wildcard address is not something a client can connect to; loopback reaches it.
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}
