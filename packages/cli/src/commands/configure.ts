import type { Command } from "commander";
import { read } from "read";
import { usageError } from "../cli-error.js";
import { globalFlags } from "../command-runner.js";
import { type Profile, profileFilePath, readProfileFile, writeProfileFile } from "../config/profile-file.js";
import { writeOut } from "../output/stdout.js";

interface ConfigureFlags {
  clientId?: string;
  clientSecretStdin?: boolean;
  tokenUrl?: string;
  scope?: string;
}

const examples = `
Examples:
  $ engagifii configure                                   asks for each setting
  $ printf %s "$SECRET" | engagifii configure --profile ci --tenant acme --client-id my-id --client-secret-stdin

The file is written with mode 0600. The secret is never echoed or printed.`;

export function registerConfigure(program: Command): void {
  program
    .command("configure")
    .description("Save connection settings in a profile of the config file")
    .option("--client-id <id>", "OAuth2 client id")
    .option("--client-secret-stdin", "read the client secret from stdin (keeps it out of shell history)")
    .option("--token-url <url>", "token endpoint, when not <base-url>/oauth/token")
    .option("--scope <scopes>", "scopes to request")
    .addHelpText("after", examples)
    .action(async (flags: ConfigureFlags, command: Command) => {
      const global = globalFlags(command);
      const name = global.profile || process.env.ENGAGIFII_PROFILE || "default";
      const path = profileFilePath(process.env);
      const file = await readProfileFile(path);
      const current: Profile = file.profiles[name] ?? {};
      const given: Profile = {
        ...(global.baseUrl ? { baseUrl: global.baseUrl } : {}),
        ...(global.tenant ? { tenantCode: global.tenant } : {}),
        ...(flags.clientId ? { clientId: flags.clientId } : {}),
        ...(flags.tokenUrl ? { tokenUrl: flags.tokenUrl } : {}),
        ...(flags.scope ? { scope: flags.scope } : {}),
      };
      if (flags.clientSecretStdin) given.clientSecret = (await readStdin()).trim();
      const profile =
        process.stdin.isTTY && Object.keys(given).length === 0 ? await ask(current) : { ...current, ...given };
      if (!profile.tenantCode || !profile.clientId || !profile.clientSecret) {
        throw usageError("a profile needs a tenant, a client id and a client secret", "see engagifii configure --help");
      }
      await writeProfileFile(path, { profiles: { ...file.profiles, [name]: profile } });
      await writeOut(`saved profile "${name}" in ${path} (mode 0600)\n`);
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Asks for each setting on a terminal, on stderr; Enter keeps the current value. The secret is not echoed. */
async function ask(current: Profile): Promise<Profile> {
  const question = async (prompt: string, value: string | undefined, silent = false) =>
    (
      await read({
        prompt: `${prompt}${value ? (silent ? " [keep current]" : ` [${value}]`) : ""}: `,
        output: process.stderr,
        silent,
        replace: silent ? "*" : "",
      })
    ).trim() || value;
  const baseUrl = await question("Base URL (empty for the default)", current.baseUrl);
  const tenantCode = await question("Tenant code", current.tenantCode);
  const clientId = await question("Client id", current.clientId);
  const clientSecret = await question("Client secret", current.clientSecret, true);
  return {
    ...current,
    ...(baseUrl ? { baseUrl } : {}),
    ...(tenantCode ? { tenantCode } : {}),
    ...(clientId ? { clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
  };
}
