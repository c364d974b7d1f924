import { Command, Option } from "commander";
import { registerApi } from "./commands/api.js";
import { registerAuth } from "./commands/auth.js";
import { registerConfigure } from "./commands/configure.js";
import { registerExport } from "./commands/export.js";
import { registerMock } from "./commands/mock.js";
import { registerResources } from "./commands/resources.js";
import { registerSync } from "./commands/sync.js";
import { exitCodeHelp } from "./exit-codes.js";

const overview = `
Examples:
  $ engagifii --mock people list                      try it with no credentials (one command's sandbox)
  $ engagifii mock                                    a sandbox that keeps its records until Ctrl-C
  $ engagifii configure                               save credentials in a profile
  $ engagifii auth check                              token, tenant, scopes and limits
  $ engagifii export people --format csv --out people.csv
  $ engagifii sync people contacts.csv --match email --dry-run

Settings come from flags, then ENGAGIFII_* variables, then the profile file
($XDG_CONFIG_HOME/engagifii/config.json, else ~/.config/engagifii/config.json).

${exitCodeHelp}`;

/** The whole command tree. Commands throw; the caller prints one line and a hint. */
export function createProgram(version: string): Command {
  const program = new Command("engagifii")
    .description("The Engagifii CRM API from the command line")
    .version(version)
    .option("--profile <name>", "profile in the config file (env ENGAGIFII_PROFILE)", undefined)
    .option("--tenant <code>", "tenant code (env ENGAGIFII_TENANT_CODE)")
    .option("--base-url <url>", "API base URL (env ENGAGIFII_BASE_URL)")
    .option("--rate-limit <requests/interval>", "client-side limit, e.g. 1000/60s (env ENGAGIFII_RATE_LIMIT)")
    .option("--spec <file>", "OpenAPI document to check paths against (env ENGAGIFII_SPEC_FILE)")
    .addOption(
      new Option(
        "--mock",
        "run this one command against a fresh embedded sandbox (no credentials; its changes are gone afterwards, see `engagifii mock`)",
      ),
    )
    .showSuggestionAfterError(true)
    .addHelpText("after", overview);
  registerApi(program);
  registerResources(program);
  registerExport(program);
  registerSync(program);
  registerAuth(program);
  registerConfigure(program);
  registerMock(program);
  return program;
}
