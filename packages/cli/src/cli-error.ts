import { type ExitCode, exitCodes } from "./exit-codes.js";

/** An error the binary reports as one line, a hint, and an exit code. */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;

  constructor(message: string, options: { hint?: string; exitCode?: ExitCode } = {}) {
    super(message);
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? exitCodes.failure;
  }
}

/** A usage error (exit 2). */
export function usageError(message: string, hint?: string): CliError {
  return new CliError(message, { exitCode: exitCodes.usage, ...(hint === undefined ? {} : { hint }) });
}
