import { defaultBaseUrl } from "@engagifii/crm-client";
import type { Command } from "commander";
import { withConnection } from "../command-runner.js";
import { writeOut } from "../output/stdout.js";
import { resourceTable } from "../resource-table.js";
import { listPage } from "./resource-list.js";

export function registerAuth(program: Command): void {
  const auth = program.command("auth").description("Check the credentials");
  auth
    .command("check")
    .description("Get a token and make one cheap call; print tenant, token lifetime, scopes and rate limit")
    .addHelpText(
      "after",
      "\nExample:\n  $ engagifii auth check --profile staging\n\nNever prints the token or the secret.",
    )
    .action(async (_flags: object, command: Command) => {
      await withConnection(command, async ({ crm, config, tokenEvents }) => {
        const cheapest = resourceTable.find((entry) => entry.operations.list);
        const started = performance.now();
        if (cheapest?.operations.list) await listPage(crm, cheapest.operations.list, 0, 1);
        const elapsed = Math.round(performance.now() - started);
        const token = tokenEvents.at(-1);
        const source = (key: keyof typeof config.sources) => (config.sources[key] ? ` (${config.sources[key]})` : "");
        const { requests, intervalMs } = config.rateLimit;
        const lines = [
          `profile      ${config.profileName}`,
          `api          ${crm.baseUrl || defaultBaseUrl}${source("baseUrl")}`,
          `tenant       ${crm.tenantCode}${source("tenantCode")}`,
          `client id    ${config.clientId ?? "(none)"}${source("clientId")}`,
          `token        ${token ? `valid ${token.expiresInSeconds} s, fetched from ${token.tokenUrl}` : "(none fetched)"}`,
          `scopes       ${token?.scope ?? "(none granted explicitly)"}`,
          `rate limit   ${requests} requests per ${intervalMs / 1000} s (client-side)`,
          `check call   ${cheapest ? `${cheapest.command} list, ${elapsed} ms: ok` : "(no resource)"}`,
        ];
        await writeOut(`${lines.join("\n")}\n`);
      });
    });
}
