import { type Command, Option } from "commander";
import { usageError } from "../cli-error.js";
import { withConnection } from "../command-runner.js";
import { operationAt } from "../document/operations.js";
import { listItemSchema, objectFields } from "../document/schemas.js";
import { type ExportFormatName, exportFormat, exportFormatNames } from "../export/export-format.js";
import { collect, readQuery } from "../fields.js";
import { integerFlag } from "../integer-flag.js";
import { kebabCase } from "../kebab-case.js";
import { stdoutClosed, writeOut } from "../output/stdout.js";
import { requirePagingShape } from "../paging.js";
import { addBodyOptions, type BodyFlags, readBody } from "../request-body.js";
import { callResource, type MethodEntry, type ResourceEntry } from "../resource-table.js";
import { streamItems } from "../stream-items.js";

interface MethodFlags extends BodyFlags {
  query?: string[];
  idempotencyKey?: string;
  format?: ExportFormatName;
  pageSize?: string;
  [option: string]: unknown;
}

/** A subcommand for each of the map's other methods (`add-person`, `people`, …), from the generated table. */
export function registerMethods(resource: Command, entry: ResourceEntry): void {
  for (const method of entry.methods) registerMethod(resource, entry, method);
}

function registerMethod(resource: Command, entry: ResourceEntry, method: MethodEntry): void {
  const { operation } = method;
  const command = resource
    .command(method.command)
    .description(
      `${method.summary}${method.paginate ? ": every item, page after page" : ""} (${operation.method} ${operation.path})`,
    );
  for (const parameter of method.pathParameters) command.argument(`<${parameter.name}>`, parameter.description ?? "");
  if (method.paginate) {
    command
      .addOption(
        new Option("--format <format>", "output format; jsonl is one item per line")
          .choices(exportFormatNames)
          .default("jsonl"),
      )
      .option("--page-size <size>", "items per request", "200");
  }
  if (method.body !== "none") addBodyOptions(command);
  if (operation.method !== "GET" && !method.paginate) {
    command.option("--idempotency-key <key>", "makes the call safe to retry: the API does it at most once");
  }
  if (method.queryParameters.length > 0)
    command.option("--query <key=value>", "a query parameter, by its name", collect);
  // A query parameter whose flag the command already has (--format …) is still sent with --query name=value.
  const queryOptions = method.queryParameters.flatMap((parameter) => {
    const option = new Option(`--${kebabCase(parameter.name)} <value>`, parameter.description ?? parameter.name);
    if (command.options.some((existing) => existing.long === option.long)) return [];
    command.addOption(option);
    return [{ name: parameter.name, option }];
  });
  command.addHelpText("after", `\nExample:\n  $ ${example(entry, method)}`);

  command.action(async (...parameters: unknown[]) => {
    const self = parameters.at(-1) as Command;
    const flags = self.opts<MethodFlags>();
    const pathValues = pathArguments(method, parameters.slice(0, method.pathParameters.length) as string[]);
    const query: Record<string, unknown> = {
      ...Object.fromEntries(
        queryOptions.flatMap(({ name, option }) => {
          const value = flags[option.attributeName()];
          return value === undefined ? [] : [[name, value]];
        }),
      ),
      ...readQuery(flags.query),
    };
    const missing = method.queryParameters.find((parameter) => parameter.required && !(parameter.name in query));
    if (missing) {
      throw usageError(
        `${method.command} needs the query parameter ${missing.name}`,
        `pass --${kebabCase(missing.name)} <value> (or --query ${missing.name}=<value>)`,
      );
    }
    const body = method.body === "none" ? undefined : await readBody(flags);
    if (method.body === "required" && body === undefined) {
      throw usageError(
        `${method.command} needs a body`,
        "pass --data '{…}', --data @file.json, --data - (stdin), or -f key=value",
      );
    }
    if (method.paginate) {
      await streamMethod(self, method, pathValues, query, body, flags);
      return;
    }
    await withConnection(self, async ({ crm }) => {
      const answer = await callResource(crm, operation, {
        path: pathValues,
        ...(Object.keys(query).length > 0 ? { query } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(flags.idempotencyKey ? { idempotencyKey: flags.idempotencyKey } : {}),
      });
      await writeOut(
        answer === undefined
          ? `done: ${operation.method} ${concretePath(operation.path, pathValues)}\n`
          : `${JSON.stringify(answer, null, 2)}\n`,
      );
    });
  });
}

/** Every item, written as each page arrives: memory holds a page or two, whatever the list's size. */
async function streamMethod(
  command: Command,
  method: MethodEntry,
  pathValues: Record<string, string>,
  query: Record<string, unknown>,
  body: unknown,
  flags: MethodFlags,
): Promise<void> {
  const { operation } = method;
  const pagingShape = requirePagingShape(operation.method, operation.path);
  if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body))) {
    throw usageError(`the body of ${method.command} must be a JSON object`, "the page fields are added to it");
  }
  const pageSize = integerFlag(flags.pageSize ?? "200", "--page-size");
  const formatName = flags.format ?? "jsonl";
  await withConnection(command, async ({ crm, document }) => {
    const columns = objectFields(document, listItemSchema(document, operationAt(document, operation))).names;
    if (formatName === "csv" && columns.length === 0) {
      throw usageError(`the document does not name the fields of ${method.command}'s items`, "use --format jsonl");
    }
    await streamItems({
      crm,
      path: operation.path,
      pagingShape,
      pathValues,
      query,
      body: body as Record<string, unknown> | undefined,
      pageSize,
      format: exportFormat(formatName, columns),
      write: writeOut,
      signal: stdoutClosed,
    });
  });
}

/** The positional arguments by parameter name; an empty one is a usage error naming it. */
function pathArguments(method: MethodEntry, values: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    method.pathParameters.map((parameter, index) => {
      const value = values[index] ?? "";
      if (value.trim() === "")
        throw usageError(`<${parameter.name}> is empty`, `pass the ${parameter.name} to ${method.command}`);
      return [parameter.name, value];
    }),
  );
}

function concretePath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : encodeURIComponent(values[name]),
  );
}

function example(entry: ResourceEntry, method: MethodEntry): string {
  const words = ["engagifii", entry.command, method.command, ...method.pathParameters.map(({ name }) => `<${name}>`)];
  if (method.paginate) words.push(`--format csv > ${method.command}.csv`);
  else if (method.body !== "none") words.push("--data @body.json");
  return words.join(" ");
}
