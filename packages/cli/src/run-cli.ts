import { CommanderError } from "commander";
import { exitCodes } from "./exit-codes.js";
import { isStdoutClosedError, watchOutput } from "./output/stdout.js";
import { createProgram } from "./program.js";
import { describeError } from "./report-error.js";

/**
 * Runs the binary with `argv` (without node and the script) and resolves to its exit code. It
 * writes to process.stdout and process.stderr; errors become one line and a hint on stderr. When
 * stdout's reader goes away (`| head -1`), output-only work stops and exits 0 without a word.
 */
export async function runCli(argv: readonly string[], version = "0.0.0"): Promise<number> {
  watchOutput();
  const program = createProgram(version);
  program.exitOverride();
  for (const command of program.commands.flatMap((child) => [child, ...child.commands])) command.exitOverride();
  try {
    await program.parseAsync([...argv], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its own message (or the help); only the exit code is ours.
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    // The reader had all it wanted; `sync` never gets here (it reports the stop itself and exits 141).
    if (isStdoutClosedError(error)) return exitCodes.ok;
    const { message, hint, exitCode } = describeError(error);
    process.stderr.write(`engagifii: ${message}\n${hint ? `hint: ${hint}\n` : ""}`);
    return exitCode;
  }
}
