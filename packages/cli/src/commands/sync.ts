import type { Command } from "commander";
import { usageError } from "../cli-error.js";
import { withConnection } from "../command-runner.js";
import { operationAt } from "../document/operations.js";
import { listItemSchema, objectFields, requestBodySchema } from "../document/schemas.js";
import { exitCodes } from "../exit-codes.js";
import { integerFlag } from "../integer-flag.js";
import { interruptSignal } from "../interrupt.js";
import { createProgress } from "../output/progress.js";
import { writeOut, writeSummary } from "../output/stdout.js";
import { everyRecord, pagedResources, type ResourceEntry, resourceAmong } from "../resource-table.js";
import { applyPlan } from "../sync/apply-plan.js";
import { buildPlan } from "../sync/plan.js";
import { formatPlan } from "../sync/print-plan.js";
import { readRows } from "../sync/read-rows.js";
import { report } from "../sync/report.js";
import { openSyncCheckpoint, syncCheckpointPath } from "../sync/sync-checkpoint.js";
import { createWriteRecord } from "../sync/write-record.js";

interface SyncFlags {
  match: string;
  dryRun?: boolean;
  deleteMissing?: boolean;
  concurrency: string;
}

const examples = `
Examples:
  $ engagifii sync people contacts.csv --match email --dry-run     print the plan, change nothing
  $ engagifii sync people contacts.csv --match email               apply it
  $ engagifii sync people everyone.jsonl --match email --delete-missing

Every write carries an Idempotency-Key derived from the row and the planned change, and each
completed write is appended to <file>.sync-checkpoint.jsonl: after a crash or Ctrl-C, run the
same command again; nothing is created twice and nothing is skipped.

Exit codes: 0 in sync, 1 some writes failed, 2 bad file or flags, 4 conflicts or invalid rows
(everything else was applied; a dry run with conflicts also exits 4), 130 interrupted, 141 stopped
because stdout was closed (\`| head\`): the writes in flight finish, none is started, and the
summary goes to stderr.`;

export function registerSync(program: Command): void {
  program
    .command("sync")
    .description("Make the API's records match a CSV or JSON Lines file: plan, then apply")
    .argument(
      "<resource>",
      syncable()
        .map((entry) => entry.command)
        .join(" | "),
    )
    .argument("<file>", "a .csv with a header row, or a .jsonl file")
    .option("--match <field>", "the field that identifies a record in both", "email")
    .option("--dry-run", "print the plan and change nothing")
    .option("--delete-missing", "also delete the records that are not in the file")
    .option("--concurrency <writes>", "writes in flight at once, within the rate limit", "4")
    .addHelpText("after", examples)
    .action(async (resource: string, file: string, flags: SyncFlags, command: Command) => {
      const entry = resourceAmong(resource, syncable(), "sync");
      const concurrency = Math.max(1, integerFlag(flags.concurrency, "--concurrency"));
      const rows = await readRows(file);
      await withConnection(command, async ({ crm, document }) => {
        const fields = objectFields(
          document,
          requestBodySchema(document, operationAt(document, entry.operations.create!)),
        );
        const itemFields = objectFields(document, listItemSchema(document, operationAt(document, entry.every!)));
        if (!fields.types.has(flags.match)) {
          throw usageError(
            `--match ${flags.match} is not a field of a ${entry.singular}`,
            `fields: ${fields.names.join(", ")}`,
          );
        }
        const records: Record<string, unknown>[] = [];
        for await (const record of everyRecord(crm, entry, 200)) records.push(record);
        const ignoredColumns = new Set(itemFields.names.filter((name) => !fields.types.has(name)));
        const plan = buildPlan(rows, records, {
          match: flags.match,
          fields,
          ignoredColumns,
          deleteMissing: flags.deleteMissing === true,
        });
        const context = {
          file,
          match: flags.match,
          records: records.length,
          resource,
          deleteMissing: flags.deleteMissing === true,
        };
        await writeOut(`${formatPlan(plan, context).join("\n")}\n`);
        if (flags.dryRun) {
          await writeOut("\ndry run: nothing was changed\n");
          process.exitCode = plan.conflicts.length > 0 ? exitCodes.syncConflicts : exitCodes.ok;
          return;
        }
        const checkpoint = await openSyncCheckpoint(syncCheckpointPath(file));
        if (checkpoint.completed.size > 0) {
          await writeOut(
            `\nresuming: ${checkpoint.completed.size} writes were completed by an earlier run (${checkpoint.path})\n`,
          );
        }
        const interrupt = interruptSignal();
        const progress = createProgress(`sync ${resource}`, process.stderr, process.env);
        try {
          const result = await applyPlan(plan.writes, {
            writeRecord: createWriteRecord(crm, document, entry),
            checkpoint,
            concurrency,
            signal: interrupt.signal,
            onProgress: (done) => progress.update(done, plan.writes.length),
          });
          progress.stop();
          const stopped = interrupt.reason();
          const outcome = report(plan, result, stopped);
          await writeSummary(`\n${outcome.lines.join("\n")}\n`);
          // The checkpoint only bridges a crash, Ctrl-C or a closed stdout. After a run that ended on its
          // own, the next run starts from what the API holds, so a record deleted meanwhile is created again.
          if (!stopped) await checkpoint.remove();
          process.exitCode = outcome.exitCode;
        } finally {
          progress.stop();
          interrupt.dispose();
        }
      });
    });
}

/** The resources sync can write: a paged list to read, and create, update and delete. */
function syncable(): ResourceEntry[] {
  return pagedResources().filter(({ operations }) => operations.create && operations.update && operations.delete);
}
