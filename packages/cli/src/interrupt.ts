import { CliError } from "./cli-error.js";
import { exitCodes } from "./exit-codes.js";

/**
 * An AbortSignal that fires on Ctrl-C (SIGINT) or SIGTERM, so a long job stops between two
 * checkpoints instead of being cut mid-write. A second Ctrl-C exits at once.
 */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(exitCodes.interrupted);
    controller.abort(new CliError("interrupted", { exitCode: exitCodes.interrupted }));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
