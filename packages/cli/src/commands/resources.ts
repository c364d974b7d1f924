import type { Command } from "commander";
import { usageError } from "../cli-error.js";
import { withConnection, writeOut } from "../command-runner.js";
import { collect, type FieldFlags, readFields } from "../fields.js";
import { integerFlag } from "../integer-flag.js";
import { formatTable } from "../output/table.js";
import { type ResourceEntry, resourceHelper, resourceTable } from "../resource-table.js";

interface OutputFlags {
  json?: boolean;
}

/** `engagifii <resource> list|get|create|update|delete` for every entry of the resource table. */
export function registerResources(program: Command): void {
  for (const entry of resourceTable) registerResource(program, entry);
}

function registerResource(program: Command, entry: ResourceEntry): void {
  const { command: name, singular } = entry;
  const resource = program
    .command(name)
    .description(`List, get, create, update and delete ${name} (crm.${entry.helper})`)
    .addHelpText(
      "after",
      `\nExamples:\n  $ engagifii ${name} list --page-size 10\n  $ engagifii ${name} get <id> --json`,
    );

  const show = async (record: unknown, flags: OutputFlags) =>
    writeOut(
      flags.json
        ? `${JSON.stringify(record, null, 2)}\n`
        : `${formatTable([record as Record<string, unknown>], entry.columns)}\n`,
    );
  const withFields = (command: Command) =>
    command
      .option("-f, --field <key=value>", "a string field", collect)
      .option("-F, --typed-field <key=value>", "a typed field: true, false, null, numbers; @file reads a file", collect)
      .option("--input <file.json>", "the fields from a JSON file (-f/-F are merged over it)")
      .option("--json", "print JSON instead of a table");
  const requireFields = (flags: FieldFlags, verb: string) => {
    const fields = readFields(flags);
    if (!fields) throw usageError(`${verb} needs fields`, "pass -f key=value or --input file.json");
    return fields;
  };

  resource
    .command("list")
    .description(`One page of ${name}`)
    .option("--page <index>", "zero-based page index", "0")
    .option("--page-size <size>", "items per page", "50")
    .option("--json", "print the page as JSON instead of a table")
    .addHelpText("after", `\nExample:\n  $ engagifii ${name} list --page 1 --page-size 20`)
    .action(async (flags: OutputFlags & { page: string; pageSize: string }, command: Command) => {
      await withConnection(command, async ({ crm }) => {
        const page = (await resourceHelper(crm, entry).list({
          pageIndex: integerFlag(flags.page, "--page"),
          pageSize: integerFlag(flags.pageSize, "--page-size"),
        })) as { data: Record<string, unknown>[]; totalCount: number; pageIndex: number };
        if (flags.json) return writeOut(`${JSON.stringify(page, null, 2)}\n`);
        const footer = `page ${page.pageIndex}: ${page.data.length} of ${page.totalCount} ${name}`;
        await writeOut(`${formatTable(page.data, entry.columns)}\n${footer}\n`);
      });
    });

  resource
    .command("get")
    .description(`One ${singular} by id`)
    .argument("<id>")
    .option("--json", "print JSON instead of a table")
    .addHelpText("after", `\nExample:\n  $ engagifii ${name} get <id> --json`)
    .action(async (id: string, flags: OutputFlags, command: Command) => {
      await withConnection(command, async ({ crm }) => show(await resourceHelper(crm, entry).get(id), flags));
    });

  withFields(resource.command("create").description(`Create a ${singular}`))
    .option("--idempotency-key <key>", "makes the create safe to retry: the API does it at most once")
    .addHelpText("after", `\nExample:\n  $ engagifii ${name} create --input ${singular}.json`)
    .action(async (flags: FieldFlags & OutputFlags & { idempotencyKey?: string }, command: Command) => {
      const fields = requireFields(flags, "create");
      await withConnection(command, async ({ crm }) => {
        const options = flags.idempotencyKey ? { idempotencyKey: flags.idempotencyKey } : undefined;
        await show(await resourceHelper(crm, entry).create(fields, options), flags);
      });
    });

  withFields(resource.command("update").description(`Change fields of a ${singular}`).argument("<id>"))
    .addHelpText("after", `\nExample:\n  $ engagifii ${name} update <id> -F isActive=false`)
    .action(async (id: string, flags: FieldFlags & OutputFlags, command: Command) => {
      const fields = requireFields(flags, "update");
      await withConnection(command, async ({ crm }) =>
        show(await resourceHelper(crm, entry).update(id, fields), flags),
      );
    });

  resource
    .command("delete")
    .description(`Delete a ${singular}`)
    .argument("<id>")
    .addHelpText("after", `\nExample:\n  $ engagifii ${name} delete <id>`)
    .action(async (id: string, _flags: object, command: Command) => {
      await withConnection(command, async ({ crm }) => {
        await resourceHelper(crm, entry).delete(id);
        await writeOut(`deleted ${singular} ${id}\n`);
      });
    });
}
