// Checks the live Engagifii CRM API against its document (specs/engagifii-crm.openapi.yaml, or
// --spec): the document's read-only operations go through the real client and Prism's validation
// proxy, and every difference is reported. Usage: tsx scripts/contract-live.ts [--spec <file>] [--help]
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createCrmClient, defaultBaseUrl } from "@engagifii/crm-client";
import { documentSecurity } from "../src/auth/security.js";
import { loadOperations } from "../src/load-operations.js";
import { runReadOnlyChecks } from "./contract-live/read-only-checks.js";
import { formatReport, summarize } from "./contract-live/report.js";
import { startValidationProxy, type ValidationProxy } from "./contract-live/start-proxy.js";

const name = "contract:live";
const requiredVariables = ["ENGAGIFII_CLIENT_ID", "ENGAGIFII_CLIENT_SECRET", "ENGAGIFII_TENANT_CODE"] as const;

const usage = `Usage: pnpm contract:live [--spec <file>]

Sends the spec's read-only operations (each collection's list, the first item it lists, and the
lists nested under that item) to the live API through Prism's validation proxy, and reports every
way a request or response differs from the spec. Nothing is written: the only POST sent is a list
that takes its page in the body (such as POST …/PagingList).

Environment:
  ENGAGIFII_CLIENT_ID, ENGAGIFII_CLIENT_SECRET, ENGAGIFII_TENANT_CODE
                        required; without them the check is skipped (exit 0)
  ENGAGIFII_BASE_URL    the API to check (default ${defaultBaseUrl})
  ENGAGIFII_TOKEN_URL   the token endpoint (default: the spec's token URL, a path appended to the
                        base URL); the secret goes only there, never through the proxy
  ENGAGIFII_SCOPE       scopes to request (default: every scope the spec declares)

Options:
  --spec <file>         OpenAPI document to check against (default: specs/engagifii-crm.openapi.yaml)
  --help                show this help

Exit codes: 0 no differences (or skipped), 1 differences found, 2 the check could not run.`;

async function main(): Promise<number> {
  let values: { spec?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ strict: true, options: { spec: { type: "string" }, help: { type: "boolean" } } }));
  } catch (error) {
    process.stderr.write(`${name}: ${(error as Error).message.split(". ")[0]} (see --help)\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const env = process.env;
  if (requiredVariables.some((variable) => !env[variable])) {
    process.stdout.write(
      `${name}: skipped — set ENGAGIFII_CLIENT_ID, ENGAGIFII_CLIENT_SECRET and ENGAGIFII_TENANT_CODE to run it against the live API\n`,
    );
    return 0;
  }

  const spec = values.spec ?? fileURLToPath(new URL("../../../specs/engagifii-crm.openapi.yaml", import.meta.url));
  const upstream = (env.ENGAGIFII_BASE_URL || defaultBaseUrl).replace(/\/+$/, "");
  let proxy: ValidationProxy | undefined;
  try {
    const operations = await loadOperations(spec);
    // The spec's token URL and scopes, not the generated metadata's: --spec may name another document.
    const security = documentSecurity(operations);
    proxy = await startValidationProxy(operations, upstream);
    process.stdout.write(`${name}: checking ${upstream} against ${spec} through Prism's validation proxy\n`);
    const crm = createCrmClient({
      baseUrl: proxy.url,
      tokenUrl: env.ENGAGIFII_TOKEN_URL || tokenUrlOf(upstream, security.tokenUrl),
      scope: env.ENGAGIFII_SCOPE ?? security.scopes.join(" "),
      // One attempt each: a retry would only repeat a difference, and load the live API.
      maxRetries: 0,
      rateLimit: { requests: 60, intervalMs: 60_000 },
      env,
    });
    const results = await runReadOnlyChecks(crm, operations);
    process.stdout.write(`\n${formatReport(results)}\n\n${summarize(results)}\n`);
    return results.some((result) => result.differences.length > 0) ? 1 : 0;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`${name}: could not run: ${reason.split("\n")[0]}\n`);
    return 2;
  } finally {
    await proxy?.stop();
  }
}

// As the client reads the document's token URL: an absolute one as it is, a path appended to the base URL.
function tokenUrlOf(upstream: string, declared: string | undefined): string {
  if (declared === undefined) return `${upstream}/oauth/token`;
  return /^https?:\/\//i.test(declared) ? declared : `${upstream}/${declared.replace(/^\/+/, "")}`;
}

// Exit at once: an idle keep-alive connection to the token endpoint would otherwise hold the process a few seconds.
process.exit(await main());
