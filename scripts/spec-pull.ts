import { relative, sep } from "node:path";
import { parseArgs } from "node:util";
import { LIVE_SPEC_URL, type PullSpecResult, pullSpec } from "./spec/pull-spec.js";
import { firstLine, SpecPullError } from "./spec/spec-pull-error.js";

const HELP = `Usage: pnpm spec:pull [--from <url|file>] [--out <file>]

Fetches the Engagifii CRM OpenAPI document, converts Swagger 2.0 to OpenAPI 3, validates it,
and writes it in normal form (stable key order, YAML) so an unchanged API gives no diff.
On failure it prints one line, exits 1 and leaves the output file as it was.

Options:
  --from <url|file>  JSON or YAML source. Default: $ENGAGIFII_SPEC_URL, else
                     ${LIVE_SPEC_URL}
                     A relative path is resolved against the directory you ran the command from.
  --out <file>       Output file. Default: specs/engagifii-crm.openapi.yaml at the repository root.
  -h, --help         Show this help.
`;

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    // pnpm and turbo can hand a leading "--" through to the script; it is not an argument.
    args: args[0] === "--" ? args.slice(1) : args,
    options: {
      from: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const result = await pullSpec({ from: values.from, out: values.out });
  console.log(`spec:pull: ${summarise(result)}`);
}

function summarise(result: PullSpecResult): string {
  const cwd = process.env.INIT_CWD || process.cwd();
  const out = relative(cwd, result.out).startsWith(`..${sep}`) ? result.out : relative(cwd, result.out);
  const converted = result.converted ? ", converted from Swagger 2.0" : "";
  const api = `${result.title} ${result.apiVersion}`.trim();
  return (
    `${out} ${result.changed ? "updated" : "unchanged"} from ${result.source} ` +
    `(${api}, OpenAPI ${result.openapiVersion}, ${result.operationCount} operations${converted})`
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = (error as { code?: unknown }).code?.toString().startsWith("ERR_PARSE_ARGS") ? " (see --help)" : "";
  const reason = error instanceof SpecPullError ? error.message : firstLine(error);
  console.error(`spec:pull: ${reason}${usage}`);
  process.exitCode = 1;
});
