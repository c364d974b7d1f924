import type { AddressInfo } from "node:net";
import { createLogger } from "@stoplight/prism-core";
import type { IHttpConfig } from "@stoplight/prism-http";
import { createServer as createPrismServer } from "@stoplight/prism-http-server";
import { documentSecurity } from "./auth/security.js";
import { createTokenIssuer } from "./auth/token-issuer.js";
import { defaultSpecPath } from "./default-spec-path.js";
import { readDocument } from "./docs/docs-document.js";
import { createDocsHandler } from "./docs/serve-docs.js";
import { createFrontServer } from "./front-server.js";
import { createGeneratedAnswers } from "./generate/generated-answers.js";
import { defaultDataSeed } from "./generate/seeded-faker.js";
import { listen } from "./listen.js";
import { loadOperations } from "./load-operations.js";
import { createSandbox } from "./sandbox/sandbox.js";
import type { SandboxSeed } from "./sandbox/seed.js";

export type { SandboxSeed } from "./sandbox/seed.js";

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
  /** Keep records in memory per tenant: creates, updates and deletes stick, lists page over them. Default: false. */
  stateful?: boolean;
  /** Without `stateful`: text that seeds the generated data (ours where the document has no example, and
   *  `dynamic`'s), so bodies are the same on every run. With `stateful`: the starting records, or the path of a JSON
   *  file of them. Default: a fixed text (`dynamic`: random), resp. the document's examples (plus generated
   *  records where it has none). */
  seed?: string | SandboxSeed;
  /** Lifetime of the tokens the token endpoint issues. Default: 3600. */
  tokenTtlSeconds?: number;
  /** With `clientSecret`: the only credentials the token endpoint accepts. Default: any. */
  clientId?: string;
  clientSecret?: string;
  /** Turn response violations of the spec into 500 errors instead of only an `sl-violations` header. Default: false. */
  errors?: boolean;
  /** Prism's log level; logs go to stderr as JSON lines. Default: "silent". */
  logLevel?: MockServerLogLevel;
  /** The clock for token expiry, in epoch milliseconds (tests move it instead of waiting). Default: `Date.now`. */
  now?: () => number;
}

export interface MockServer {
  /** Base URL of the running mock, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** The port actually bound (useful with `port: 0`). */
  port: number;
  /** The token endpoint, read from the document's OAuth2 scheme, e.g. `http://127.0.0.1:4010/oauth/token`. */
  tokenUrl: string;
  /** Stateful mode: forgets every tenant's writes, back to the seed. Without `stateful` there is nothing to forget. */
  reset(): void;
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
  if (options.stateful && options.dynamic) throw new Error("stateful and dynamic cannot be combined");
  if (!options.stateful && typeof options.seed === "object") throw new Error("seed records need stateful: true");
  const ttl = options.tokenTtlSeconds ?? 3600;
  if (!Number.isInteger(ttl) || ttl < 1) throw new Error(`Invalid tokenTtlSeconds ${ttl}: expected a positive integer`);
  const spec = options.spec ?? defaultSpecPath();
  const operations = await loadOperations(spec);
  const document = await readDocument(spec);
  const sandbox = options.stateful ? await createSandbox(operations, options.seed, defaultDataSeed) : undefined;
  const prismSeed = !options.stateful && typeof options.seed === "string" ? { seed: options.seed } : {};
  const dataSeed = typeof options.seed === "string" ? options.seed : defaultDataSeed;
  const generated = options.stateful || options.dynamic ? undefined : createGeneratedAnswers(dataSeed);

  // Same settings as `prism mock`: validate requests, responses and security on every call.
  const config: IHttpConfig = {
    isProxy: false,
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: options.errors ?? false,
    upstreamProxy: undefined,
    mock: { dynamic: options.dynamic ?? false, ...prismSeed },
  };
  const logger = createLogger("PRISM", { level: options.logLevel ?? "silent" }, process.stderr);
  const prism = createPrismServer(operations, { cors: true, config, components: { logger } });
  const prismAddress = await prism.listen(0, "127.0.0.1");

  const now = options.now ?? Date.now;
  const security = documentSecurity(operations);
  const issuer = createTokenIssuer({ issuer: "engagifii-crm-sandbox", ttlSeconds: ttl, now });
  const front = createFrontServer({
    prismUrl: prismAddress,
    operations,
    tokenPath: security.tokenPath,
    ownTokenEndpoint: sandbox !== undefined,
    token: { issuer, scopes: security.scopes, clientId: options.clientId, clientSecret: options.clientSecret },
    docs: createDocsHandler({ document, tokenPath: security.tokenPath, clientId: options.clientId }),
    sandbox,
    generated,
    now,
  });
  try {
    await listen(front, requestedPort, host);
  } catch (error) {
    await prism.close();
    throw error;
  }
  const port = (front.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  // Memoised so a second stop() (say, afterAll after a failed test already stopped it) does not throw.
  const stop = () => {
    stopping ??= Promise.all([
      new Promise<void>((resolve) => {
        front.closeAllConnections();
        front.close(() => resolve());
      }),
      prism.close(),
    ]).then(() => undefined);
    return stopping;
  };
  const url = `http://${urlHost(host)}:${port}`;
  return { url, port, tokenUrl: `${url}${security.tokenPath}`, reset: () => sandbox?.reset(), stop };
}

// A wildcard address is not something a client can connect to; loopback reaches it.
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}
