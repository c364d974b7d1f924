import type { Command } from "commander";
import { usageError } from "../cli-error.js";
import { withConnection } from "../command-runner.js";
import { integerFlag } from "../integer-flag.js";
import { writeOut } from "../output/stdout.js";
import { formatTable } from "../output/table.js";
import { addBodyOptions, type BodyFlags, readBody } from "../request-body.js";
import { callResource, type ResourceEntry, recordPath, resourceTable } from "../resource-table.js";
import { listPage } from "./resource-list.js";
import { registerMethods } from "./resource-methods.js";

interface OutputFlags {
  json?: boolean;
}

/**
 * `engagifii <resource> list|get|create|update|delete|…`: a command per resource of the generated
 * table, a subcommand per method the map names (the verbs here, the others in resource-methods.ts).
 */
export function registerResources(program: Command): void {
  for (const entry of resourceTable) registerResource(program, entry);
}

function registerResource(program: Command, entry: ResourceEntry): void {
  const { command: name, singular, operations } = entry;
  const verbs = Object.keys(operations);
  const others = entry.methods.map((method) => method.command);
  const resource = program
    .command(name)
    .description(
      verbs.length > 0
        ? `${sentence(verbs)} ${name}${others.length > 0 ? `; also ${others.join(", ")}` : ""}`
        : `${name}: ${others.join(", ")}`,
    )
    .addHelpText(
      "after",
      `\nExamples:\n  $ engagifii ${name} ${verbs.includes("list") ? "list --page-size 10" : "--help"}`,
    );

  const show = async (record: unknown, flags: OutputFlags) =>
    writeOut(
      flags.json || entry.columns.length === 0 || typeof record !== "object" || record === null
        ? `${JSON.stringify(record, null, 2)}\n`
        : `${formatTable([record as Record<string, unknown>], entry.columns)}\n`,
    );
  const withFields = (command: Command) => addBodyOptions(command).option("--json", "print JSON instead of a table");
  const requireFields = async (flags: BodyFlags, verb: string) => {
    const fields = await readBody(flags);
    if (fields === undefined)
      throw usageError(`${verb} needs fields`, "pass -f key=value, --data '{…}' or --input file.json");
    return fields;
  };

  const { list, get, create, update } = operations;
  const remove = operations.delete;
  if (list) {
    resource
      .command("list")
      .description(`One page of ${name} (${list.method} ${list.path})`)
      .option("--page <index>", "zero-based page index", "0")
      .option("--page-size <size>", "items per page", "50")
      .option("--json", "print the page as the API returned it, as JSON")
      .addHelpText("after", `\nExample:\n  $ engagifii ${name} list --page 1 --page-size 20`)
      .action(async (flags: OutputFlags & { page: string; pageSize: string }, command: Command) => {
        const pageIndex = integerFlag(flags.page, "--page");
        const pageSize = integerFlag(flags.pageSize, "--page-size");
        await withConnection(command, async ({ crm }) => {
          const page = await listPage(crm, list, pageIndex, pageSize);
          if (flags.json) return writeOut(`${JSON.stringify(page.body, null, 2)}\n`);
          const footer = `page ${pageIndex}: ${page.items.length} of ${page.totalCount ?? "?"} ${name}`;
          await writeOut(`${formatTable(page.items, entry.columns)}\n${footer}\n`);
        });
      });
  }
  if (get) {
    resource
      .command("get")
      .description(`One ${singular} by id (${get.method} ${get.path})`)
      .argument("<id>")
      .option("--json", "print JSON instead of a table")
      .addHelpText("after", `\nExample:\n  $ engagifii ${name} get <id> --json`)
      .action(async (id: string, flags: OutputFlags, command: Command) => {
        await withConnection(command, async ({ crm }) =>
          show(await callResource(crm, get, { path: recordPath(get, id) }), flags),
        );
      });
  }
  if (create) {
    withFields(resource.command("create").description(`Create a ${singular} (${create.method} ${create.path})`))
      .option("--idempotency-key <key>", "makes the create safe to retry: the API does it at most once")
      .addHelpText("after", `\nExample:\n  $ engagifii ${name} create --input ${singular.replaceAll(" ", "-")}.json`)
      .action(async (flags: BodyFlags & OutputFlags & { idempotencyKey?: string }, command: Command) => {
        const body = await requireFields(flags, "create");
        await withConnection(command, async ({ crm }) => {
          const key = flags.idempotencyKey ? { idempotencyKey: flags.idempotencyKey } : {};
          await show(await callResource(crm, create, { body, ...key }), flags);
        });
      });
  }
  if (update) {
    withFields(
      resource
        .command("update")
        .description(`Change fields of a ${singular} (${update.method} ${update.path})`)
        .argument("<id>"),
    )
      .addHelpText("after", `\nExample:\n  $ engagifii ${name} update <id> -F isActive=false`)
      .action(async (id: string, flags: BodyFlags & OutputFlags, command: Command) => {
        const body = await requireFields(flags, "update");
        await withConnection(command, async ({ crm }) =>
          show(await callResource(crm, update, { path: recordPath(update, id), body }), flags),
        );
      });
  }
  if (remove) {
    resource
      .command("delete")
      .description(`Delete a ${singular} (${remove.method} ${remove.path})`)
      .argument("<id>")
      .addHelpText("after", `\nExample:\n  $ engagifii ${name} delete <id>`)
      .action(async (id: string, _flags: object, command: Command) => {
        await withConnection(command, async ({ crm }) => {
          await callResource(crm, remove, { path: recordPath(remove, id) });
          await writeOut(`deleted ${singular} ${id}\n`);
        });
      });
  }
  registerMethods(resource, entry);
}

/** ["list", "get", "delete"] → "List, get and delete". */
function sentence(verbs: readonly string[]): string {
  const text = verbs.length > 1 ? `${verbs.slice(0, -1).join(", ")} and ${verbs.at(-1)}` : (verbs[0] ?? "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
