import { CliError } from "./cli-error.js";
import { exitCodes } from "./exit-codes.js";
import { stdoutClosed } from "./output/stdout.js";

/**
 * An AbortSignal that fires on Ctrl-C (SIGINT), SIGTERM, or when stdout's reader goes away, so a
 * long job stops between two checkpoints instead of being cut mid-write. Its reason is a CliError
 * ("interrupted", exit 130; or "stopped (stdout closed)", exit 141). A second Ctrl-C exits at once.
 */
export function interruptSignal(): { signal: AbortSignal; reason(): CliError | undefined; dispose(): void } {
  const controller = new AbortController();
  let signalled = false;
  const onSignal = () => {
    if (signalled) process.exit(exitCodes.interrupted);
    signalled = true;
    controller.abort(new CliError("interrupted", { exitCode: exitCodes.interrupted }));
  };
  const onStdoutClosed = () => controller.abort(stdoutClosed.reason);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  if (stdoutClosed.aborted) onStdoutClosed();
  else stdoutClosed.addEventListener("abort", onStdoutClosed, { once: true });
  return {
    signal: controller.signal,
    reason: () => (controller.signal.aborted ? (controller.signal.reason as CliError) : undefined),
    dispose() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      stdoutClosed.removeEventListener("abort", onStdoutClosed);
    },
  };
}
