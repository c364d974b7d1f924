import { unwrap } from "@engagifii/crm-client";
import type { Command } from "commander";
import { usageError } from "../cli-error.js";
import { globalFlags, withConnection } from "../command-runner.js";
import { documentFor } from "../connect.js";
import { listOperations, matchOperation } from "../document/operations.js";
import { collect, type FieldFlags, readFields, readQuery } from "../fields.js";
import { stdoutClosed, writeOut } from "../output/stdout.js";
import { pagingStrategy, requirePagingShape } from "../paging.js";
import { resourceTable } from "../resource-table.js";

interface ApiFlags extends FieldFlags {
  paginate?: boolean;
  list?: boolean;
}

/** Examples from the generated resource table, so they name the document's own paths. */
function examples(): string {
  const sample = resourceTable.find((entry) => entry.operations.list && entry.every) ?? resourceTable[0];
  const list = sample?.operations.list ?? sample?.every;
  const paged = sample?.every ?? list;
  const record = sample?.operations.update ?? sample?.operations.get;
  const lines = [
    list && `$ engagifii api ${list.method} ${list.path}`,
    paged && `$ engagifii api ${paged.method} ${paged.path} --paginate > ${sample?.command}.jsonl`,
    sample?.operations.create &&
      `$ engagifii api ${sample.operations.create.method} ${sample.operations.create.path} --input ${sample.singular.replaceAll(" ", "-")}.json`,
    record && `$ engagifii api ${record.method} ${record.path.replace(/\{[^}]+\}/g, "<id>")} -F isActive=false`,
    "$ engagifii api --list",
  ];
  return `\nExamples:\n${lines
    .filter(Boolean)
    .map((line) => `  ${line}`)
    .join("\n")}`;
}

export function registerApi(program: Command): void {
  program
    .command("api")
    .description("Call any operation of the API; the path is checked against the OpenAPI document")
    .argument("[method]", "GET, POST, PUT, PATCH or DELETE")
    .argument("[path]", "a path of the document, with values in place of {parameters}")
    .option("-f, --field <key=value>", "a string field (the body; the query for GET and DELETE)", collect)
    .option("-F, --typed-field <key=value>", "a typed field: true, false, null, numbers; @file reads a file", collect)
    .option("--input <file.json>", "the request body from a JSON file (-f/-F fields are merged over it)")
    .option("--query <key=value>", "a query parameter", collect)
    .option(
      "--paginate",
      "follow every page of a paged list (as the document pages it) and print each item as one JSON line",
    )
    .option("--list", "list the document's operations and exit")
    .addHelpText("after", examples())
    .action(async (method: string | undefined, path: string | undefined, flags: ApiFlags, command: Command) => {
      if (flags.list) {
        const document = documentFor(globalFlags(command), process.env);
        const lines = listOperations(document).map((operation) =>
          `${operation.method.padEnd(7)}${operation.path}  ${operation.operationId ?? ""}`.trimEnd(),
        );
        return writeOut(`${lines.join("\n")}\n`);
      }
      if (!method || !path)
        throw usageError("api needs a METHOD and a path", "see `engagifii api --help` or `engagifii api --list`");
      await callApi(command, method.toUpperCase(), path, flags);
    });
}

async function callApi(command: Command, method: string, path: string, flags: ApiFlags): Promise<void> {
  // Checked before connecting, so a typo fails fast even without credentials.
  const document = documentFor(globalFlags(command), process.env);
  const operation = matchOperation(document, method, path);
  const fields = readFields(flags);
  const pagingShape = flags.paginate ? requirePagingShape(method, operation.path) : undefined;
  await withConnection(command, async ({ crm }) => {
    const sendsBody = method !== "GET" && method !== "DELETE";
    const query = { ...(sendsBody ? {} : (fields as Record<string, unknown> | undefined)), ...readQuery(flags.query) };
    const init = {
      ...(Object.keys(query).length > 0 ? { params: { query } } : {}),
      ...(sendsBody && fields !== undefined ? { body: fields } : {}),
    };
    if (pagingShape) {
      // The page fields and where the items are come from the document (GET or POST …/PagingList).
      const strategy = pagingStrategy<unknown>(pagingShape);
      const items = crm.paginateWith(strategy, path, init, { itemKey: false, signal: stdoutClosed });
      for await (const page of items.pages()) {
        await writeOut(page.map((item) => `${JSON.stringify(item)}\n`).join(""));
      }
      return;
    }
    const call = crm[method as "GET"] as unknown as (path: string, init: object) => ReturnType<typeof crm.GET>;
    const data = unwrap(await call(path, init));
    if (data !== undefined) await writeOut(`${JSON.stringify(data, null, 2)}\n`);
  });
}
