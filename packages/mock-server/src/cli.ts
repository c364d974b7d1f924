#!/usr/bin/env node
import { parseArgs } from "node:util";
import type { MockServer, MockServerLogLevel, MockServerOptions } from "./index.js";

const name = "engagifii-crm-mock";
const logLevels: readonly MockServerLogLevel[] = ["silent", "fatal", "error", "warn", "info", "debug", "trace"];

const usage = `Usage: ${name} [options]

Serves a Prism mock of the Engagifii CRM API until interrupted.

Options:
  --port <n>          port to listen on, 0 for a free one (default: 4010)
  --host <host>       interface to listen on (default: 127.0.0.1)
  --spec <file|url>   OpenAPI document to serve (default: the spec shipped in this package)
  --dynamic           generate responses from the schemas instead of the examples
  --stateful          keep records per tenant: creates, updates and deletes stick
  --seed <text|file>  without --stateful: seed the generated data (same data on every run);
                      with --stateful: a JSON file of starting records (default: the spec's examples)
  --token-ttl <s>     lifetime of issued tokens in seconds (default: 3600)
  --client-id <id>    with --client-secret: the only credentials the token endpoint accepts
  --client-secret <s>
  --errors            answer 500 when a mocked response breaks the spec
  --log-level <level> Prism's log level on stderr: ${logLevels.join(", ")} (default: silent)
  --help              show this help`;

// Throws on any bad flag; main() turns that into one line on stderr and exit code 2.
function parseOptions(args: string[]): MockServerOptions | "help" {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      spec: { type: "string" },
      dynamic: { type: "boolean" },
      stateful: { type: "boolean" },
      "token-ttl": { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      seed: { type: "string" },
      errors: { type: "boolean" },
      "log-level": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return "help";

  const portText = values.port ?? "4010";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new Error(`invalid --port ${values.port}: expected an integer from 0 to 65535`);
  }
  const logLevel = values["log-level"] ?? "silent";
  if (!isLogLevel(logLevel)) {
    throw new Error(`invalid --log-level ${logLevel}: expected one of ${logLevels.join(", ")}`);
  }
  const ttlText = values["token-ttl"];
  if (ttlText !== undefined && !/^[1-9]\d*$/.test(ttlText)) {
    throw new Error(`invalid --token-ttl ${ttlText}: expected a positive number of seconds`);
  }
  if ((values["client-id"] === undefined) !== (values["client-secret"] === undefined)) {
    throw new Error("--client-id and --client-secret go together");
  }
  return {
    port,
    host: values.host ?? "127.0.0.1",
    dynamic: values.dynamic ?? false,
    stateful: values.stateful ?? false,
    ...(ttlText === undefined ? {} : { tokenTtlSeconds: Number(ttlText) }),
    ...(values["client-id"] === undefined ? {} : { clientId: values["client-id"] }),
    ...(values["client-secret"] === undefined ? {} : { clientSecret: values["client-secret"] }),
    errors: values.errors ?? false,
    logLevel,
    ...(values.spec === undefined ? {} : { spec: values.spec }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
  };
}

function isLogLevel(value: string): value is MockServerLogLevel {
  return (logLevels as readonly string[]).includes(value);
}

async function main(): Promise<void> {
  let options: MockServerOptions | "help";
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    // node:util's messages run on with advice about "--"; the first sentence is the useful part.
    const message = error instanceof Error ? (error.message.split(". ")[0] ?? error.message) : String(error);
    process.stderr.write(`${name}: ${message} (see --help)\n`);
    process.exit(2);
  }
  if (options === "help") {
    process.stdout.write(`${usage}\n`);
    return;
  }

  let server: MockServer;
  try {
    // Loaded only now, so --help and flag errors answer without the ~0.7 s it takes to load Prism.
    const { startMockServer } = await import("./index.js");
    server = await startMockServer(options);
  } catch (error) {
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  process.stdout.write(`Engagifii CRM mock listening on ${server.url}\n`);
  const mode = options.stateful ? "stateful sandbox (records are kept per tenant-code)" : "stateless mock";
  process.stdout.write(`${mode}; docs: ${server.url}/docs; token: POST ${server.tokenUrl}\n`);

  const shutdown = () => {
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

await main();
