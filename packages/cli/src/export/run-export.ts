import { open } from "node:fs/promises";
import type { CrmClient, PageStrategy } from "@engagifii/crm-client";
import type { PagedOperationMetadata } from "@engagifii/crm-types";
import { CliError } from "../cli-error.js";
import { exitCodes } from "../exit-codes.js";
import type { Progress } from "../output/progress.js";
import { pagedInit, pagingStrategy } from "../paging.js";
import {
  checkpointPath,
  type ExportCheckpoint,
  readExportCheckpoint,
  removeExportCheckpoint,
  writeExportCheckpoint,
} from "./export-checkpoint.js";
import type { ExportFormat } from "./export-format.js";

export interface ExportJob {
  crm: CrmClient;
  /** The list operation's path, from the document. */
  listPath: string;
  /** How that path pages, from the document's generated metadata. */
  pagingShape: PagedOperationMetadata;
  resource: string;
  formatName: string;
  format: ExportFormat;
  outputPath: string;
  pageSize: number;
  concurrency: number;
  resume: boolean;
  progress: Progress;
  signal: AbortSignal;
}

/**
 * Pages through a collection and appends each page to the output file, then records the page in
 * a checkpoint. Memory holds a few pages, whatever the size of the collection.
 */
export async function runExport(job: ExportJob): Promise<{ items: number; pages: number }> {
  const checkpointFile = checkpointPath(job.outputPath);
  const previous = await readExportCheckpoint(checkpointFile);
  if (job.resume && !previous) {
    throw new CliError(`nothing to resume: ${checkpointFile} does not exist`, {
      hint: "run without --resume to start a new export",
      exitCode: exitCodes.usage,
    });
  }
  if (!job.resume && previous) {
    throw new CliError(`an interrupted export of ${job.outputPath} can be resumed`, {
      hint: `add --resume to continue it, or delete ${checkpointFile} to start over`,
      exitCode: exitCodes.usage,
    });
  }
  if (
    previous &&
    (previous.format !== job.formatName || previous.pageSize !== job.pageSize || previous.resource !== job.resource)
  ) {
    throw new CliError(
      `${checkpointFile} is for ${previous.resource} as ${previous.format} with page size ${previous.pageSize}`,
      {
        hint: "resume with the same --format and --page-size, or delete the checkpoint",
        exitCode: exitCodes.usage,
      },
    );
  }
  // Resuming cuts off whatever a crash wrote after the last completed page.
  const file = await open(job.outputPath, previous ? "r+" : "w");
  try {
    let checkpoint: ExportCheckpoint = previous ?? {
      version: 1,
      resource: job.resource,
      format: job.formatName,
      pageSize: job.pageSize,
      nextPage: 0,
      bytes: 0,
      items: 0,
    };
    await file.truncate(checkpoint.bytes);
    const append = async (text: string) => {
      const bytes = Buffer.from(text);
      await file.write(bytes, 0, bytes.length, checkpoint.bytes);
      return bytes.length;
    };
    if (!previous) {
      checkpoint = { ...checkpoint, bytes: await append(job.format.start()) };
      await writeExportCheckpoint(checkpointFile, checkpoint);
    }
    let totalCount: number | undefined;
    const strategy = startingAt(
      pagingStrategy<Record<string, unknown>>(job.pagingShape),
      checkpoint.nextPage,
      job.pageSize,
      (total) => {
        totalCount = total;
      },
    );
    const pages = job.crm
      .paginateWith(strategy, job.listPath, pagedInit(job.pagingShape, {}, undefined, job.pageSize), {
        concurrency: job.concurrency,
        itemKey: false, // remembering every id would grow with the collection
        signal: job.signal,
      })
      .pages();
    job.progress.update(checkpoint.items, totalCount);
    for await (const items of pages) {
      const written = await append(job.format.page(items, checkpoint.items === 0));
      checkpoint = {
        ...checkpoint,
        nextPage: checkpoint.nextPage + 1,
        bytes: checkpoint.bytes + written,
        items: checkpoint.items + items.length,
      };
      await writeExportCheckpoint(checkpointFile, checkpoint);
      job.progress.update(checkpoint.items, totalCount);
      if (job.signal.aborted) throw job.signal.reason;
    }
    await append(job.format.end());
    await removeExportCheckpoint(checkpointFile);
    return { items: checkpoint.items, pages: checkpoint.nextPage };
  } finally {
    job.progress.stop();
    await file.close();
  }
}

/**
 * A strategy that starts at page `first`: the paginator counts from 0, so the page index sent is
 * shifted, and the total it sees is what remains after the pages already done.
 */
function startingAt<TItem>(
  inner: PageStrategy<TItem>,
  first: number,
  pageSize: number,
  onTotal: (total: number | undefined) => void,
): PageStrategy<TItem> {
  return {
    method: inner.method,
    pageRequest: (init, index, servedSize) => inner.pageRequest(init, index + first, servedSize),
    readPage(body) {
      const page = inner.readPage(body);
      onTotal(page.totalCount);
      return {
        ...page,
        pageIndex: page.pageIndex === undefined ? undefined : page.pageIndex - first,
        totalCount: page.totalCount === undefined ? undefined : Math.max(0, page.totalCount - first * pageSize),
      };
    },
  };
}
