import { parseArgs } from "node:util";
import { LIVE_SPEC_URL } from "./spec/pull-spec.js";
import { firstLine, SpecPullError } from "./spec/spec-pull-error.js";
import { refreshApiReports } from "./spec-update/refresh-api-reports.js";
import { exitCodeOf, formatReport } from "./spec-update/report.js";
import { REPO_ROOT, updateSpec } from "./spec-update/update-spec.js";

const HELP = `Usage: pnpm spec:update [--from <url|file>] [--dry-run]

Pulls the Engagifii CRM OpenAPI document, compares it with specs/engagifii-crm.openapi.yaml and classifies
each change, generates the types and operation metadata (packages/types/src/generated/) and the resource
helpers of specs/resources.yaml (packages/client/src/generated/resources.ts; an entry whose operation is
gone is dropped), type-checks every workspace package (sources, tests, examples) against them, then writes
the spec, the generated files and a changeset for @engagifii/crm-types, @engagifii/crm-client and
@engagifii/crm-mock-server, refreshes the API reports (pnpm api:update), and prints a summary.

  major  an operation, parameter, property, response or enum value removed; something newly required;
         a type changed; the token URL, scopes or security requirements changed; a resource helper dropped
  minor  operations, optional parameters or properties, responses or enum values added
  patch  descriptions, summaries and examples only

Nothing is written unless every step before the writes succeeds; if a write fails, the files written so
far are restored.

Options:
  --from <url|file>  JSON or YAML, Swagger 2.0 or OpenAPI 3. Default: $ENGAGIFII_SPEC_URL, else
                     ${LIVE_SPEC_URL}
                     A relative path is resolved against the directory you ran the command from.
  --dry-run          Print the summary; write nothing (no spec, no types, no changeset).
  -h, --help         Show this help.

Exit codes:
  0  no change: the pulled document is the committed one
  1  error (nothing written, or everything restored)
  2  non-breaking change (minor or patch)
  3  breaking change: a major spec change, a dropped resource helper, or hand-written code (any workspace
     package) that no longer compiles
`;

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    // pnpm and turbo can hand a leading "--" through to the script; it is not an argument.
    args: args[0] === "--" ? args.slice(1) : args,
    options: {
      from: { type: "string" },
      "dry-run": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const dryRun = values["dry-run"] ?? false;
  const result = await updateSpec({ from: values.from, dryRun });
  process.stdout.write(formatReport(result, dryRun));
  // A client that no longer compiles cannot be built, so its report can only be refreshed once it is fixed.
  if (result.written.length > 0 && result.typeErrors.length === 0)
    process.stdout.write(`${await refreshApiReports(REPO_ROOT)}\n`);
  return exitCodeOf(result);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = (error as { code?: unknown }).code?.toString().startsWith("ERR_PARSE_ARGS") ? " (see --help)" : "";
    const reason = error instanceof SpecPullError ? error.message : firstLine(error);
    console.error(`spec:update: ${reason}${usage}`);
    process.exitCode = 1;
  },
);
