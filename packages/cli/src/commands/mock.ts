import type { Command } from "commander";
import { globalFlags } from "../command-runner.js";
import { documentFor } from "../connect.js";
import { integerFlag } from "../integer-flag.js";
import { mockCredentials, startEmbeddedMock } from "../mock/embedded-mock.js";
import { writeOut } from "../output/stdout.js";

const help = `
--mock starts a fresh sandbox for one command and throws it away after it: a person created with
\`engagifii --mock people create\` is gone on the next command. \`engagifii mock\` keeps one sandbox
running, with its records, until you stop it (Ctrl-C); point other commands at it with the
settings it prints.

Example:
  $ engagifii mock --port 4010
  # in another terminal:
  $ export ENGAGIFII_BASE_URL=http://127.0.0.1:4010 ENGAGIFII_TENANT_CODE=mock \\
      ENGAGIFII_CLIENT_ID=mock-client ENGAGIFII_CLIENT_SECRET=mock-secret
  $ engagifii people create -f firstName=Ada -f lastName=Lovelace -f email=ada@example.com
  $ engagifii people list`;

/** `engagifii mock`: a long-running stateful sandbox that other commands reach with --base-url. */
export function registerMock(program: Command): void {
  program
    .command("mock")
    .description(
      "Run a sandbox API that keeps its records until Ctrl-C; other commands use it with the settings it prints",
    )
    .option("--port <port>", "the port on 127.0.0.1 to listen on; 0 picks a free one", "4010")
    .addHelpText("after", help)
    .action(async (flags: { port: string }, command: Command) => {
      const global = globalFlags(command);
      const document = documentFor(global, process.env);
      const port = integerFlag(flags.port, "--port");
      const mock = await startEmbeddedMock(document, global.spec || process.env.ENGAGIFII_SPEC_FILE || undefined, port);
      const settings = [
        `ENGAGIFII_BASE_URL=${mock.url}`,
        `ENGAGIFII_TENANT_CODE=${mockCredentials.tenantCode}`,
        `ENGAGIFII_CLIENT_ID=${mockCredentials.clientId}`,
        `ENGAGIFII_CLIENT_SECRET=${mockCredentials.clientSecret}`,
      ];
      await writeOut(
        `sandbox API at ${mock.url} (token: POST ${mock.tokenUrl}); records last until you stop it with Ctrl-C\n` +
          `use it from another terminal:\n  export ${settings.join(" ")}\n  engagifii people list\n`,
      );
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await mock.stop();
      process.stderr.write("sandbox stopped\n");
    });
}
