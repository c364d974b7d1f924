import { CliError } from "../cli-error.js";
import { exitCodes } from "../exit-codes.js";

// Node ignores SIGPIPE, so a write to a pipe whose reader has gone (`engagifii … | head -1`) fails
// with EPIPE, and an 'error' event nobody handles crashes the binary with a stack trace.
const closed = new AbortController();
let watching = false;

/**
 * Aborts once the reader of stdout has gone (EPIPE), with a CliError that exits 141. Work that
 * only produces output passes it to the paginator; `interruptSignal` stops a sync on it.
 */
export const stdoutClosed: AbortSignal = closed.signal;

function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null | undefined)?.code === "EPIPE";
}

/** True, and stdout counts as closed from now on, when `error` is the reader going away. */
function closedBy(error: unknown): boolean {
  if (!isBrokenPipe(error)) return false;
  if (!closed.signal.aborted) {
    closed.abort(new CliError("stopped (stdout closed)", { exitCode: exitCodes.outputClosed }));
  }
  return true;
}

/**
 * Handles the 'error' events of stdout and stderr for the rest of the process: EPIPE on stdout
 * aborts `stdoutClosed`; on stderr it is ignored, there being nowhere left to report. Any other
 * error is thrown, as Node throws an unhandled 'error' event.
 */
export function watchOutput(): void {
  if (watching) return;
  watching = true;
  process.stdout.on("error", (error) => {
    if (!closedBy(error)) throw error;
  });
  process.stderr.on("error", (error) => {
    if (!isBrokenPipe(error)) throw error;
  });
}

/**
 * Writes to stdout and waits until it is flushed, so large outputs survive `process.exit`. Once
 * the reader has gone the text is dropped: the caller stops on `stdoutClosed`, not on a throw.
 */
export function writeOut(text: string): Promise<void> {
  if (stdoutClosed.aborted) return Promise.resolve();
  return new Promise((resolve, reject) =>
    process.stdout.write(text, (error) => (!error || closedBy(error) ? resolve() : reject(error))),
  );
}

/** A summary the user must see: on stdout, or on stderr when stdout's reader has gone. */
export async function writeSummary(text: string): Promise<void> {
  await writeOut(text);
  if (stdoutClosed.aborted) await new Promise<void>((resolve) => process.stderr.write(text, () => resolve()));
}

/** The error a command threw because stdout was closed: the output-only work it did was cut short on purpose. */
export function isStdoutClosedError(error: unknown): boolean {
  return stdoutClosed.aborted && error === stdoutClosed.reason;
}
