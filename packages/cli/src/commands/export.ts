import { type Command, Option } from "commander";
import { withConnection } from "../command-runner.js";
import { operationAt } from "../document/operations.js";
import { listItemSchema, objectFields } from "../document/schemas.js";
import { exitCodes } from "../exit-codes.js";
import { type ExportFormatName, exportFormat, exportFormatNames } from "../export/export-format.js";
import { runExport } from "../export/run-export.js";
import { integerFlag } from "../integer-flag.js";
import { interruptSignal } from "../interrupt.js";
import { createProgress } from "../output/progress.js";
import { pagingShape } from "../paging.js";
import { pagedResources, resourceAmong } from "../resource-table.js";

interface ExportFlags {
  format: ExportFormatName;
  out: string;
  pageSize: string;
  concurrency: string;
  resume?: boolean;
}

const examples = `
Examples:
  $ engagifii export people --format csv --out people.csv
  $ engagifii export people --format jsonl --out people.jsonl --resume   continue after a crash or Ctrl-C

Memory stays constant: each page is appended to the file, then recorded in <out>.checkpoint.json
(written atomically). On a terminal a progress bar is drawn on stderr; in a log, or with NO_COLOR,
one line per 10 %. Ctrl-C stops after the current page and exits 130; --resume continues.`;

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("Export every record of a resource to a CSV, JSON Lines or JSON file")
    .argument(
      "<resource>",
      pagedResources()
        .map((entry) => entry.command)
        .join(" | "),
    )
    .addOption(new Option("--format <format>", "output format").choices(exportFormatNames).default("csv"))
    .requiredOption("--out <file>", "output file")
    .option("--page-size <size>", "records per request (the API allows up to 200)", "200")
    .option("--concurrency <pages>", "pages fetched ahead, within the rate limit", "4")
    .option("--resume", "continue an interrupted export from its checkpoint")
    .addHelpText("after", examples)
    .action(async (resource: string, flags: ExportFlags, command: Command) => {
      const entry = resourceAmong(resource, pagedResources(), "export");
      const pageSize = integerFlag(flags.pageSize, "--page-size");
      const concurrency = Math.max(1, integerFlag(flags.concurrency, "--concurrency"));
      await withConnection(command, async ({ crm, document }) => {
        const list = operationAt(document, entry.every!);
        const columns = objectFields(document, listItemSchema(document, list)).names;
        const interrupt = interruptSignal();
        const started = performance.now();
        try {
          const { items, pages } = await runExport({
            crm,
            listPath: list.path,
            pagingShape: pagingShape(list.path)!,
            resource,
            formatName: flags.format,
            format: exportFormat(flags.format, columns.length > 0 ? columns : entry.columns),
            outputPath: flags.out,
            pageSize,
            concurrency,
            resume: flags.resume === true,
            progress: createProgress(`export ${resource}`, process.stderr, process.env),
            signal: interrupt.signal,
          });
          const seconds = (performance.now() - started) / 1000;
          process.stderr.write(
            `exported ${items} ${resource} in ${pages} ${pages === 1 ? "page" : "pages"} to ${flags.out} in ${seconds.toFixed(1)} s (${Math.round(items / Math.max(seconds, 0.001))}/s)\n`,
          );
        } catch (error) {
          if (!interrupt.signal.aborted) throw error;
          process.stderr.write(
            `\nexport interrupted; the checkpoint keeps the completed pages.\nhint: run the same command with --resume to continue\n`,
          );
          process.exitCode = interrupt.reason()?.exitCode ?? exitCodes.interrupted;
        } finally {
          interrupt.dispose();
        }
      });
    });
}
