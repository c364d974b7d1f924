import type { CliError } from "../cli-error.js";
import { type ExitCode, exitCodes } from "../exit-codes.js";
import { describeError } from "../report-error.js";
import type { ApplyResult } from "./apply-plan.js";
import type { Plan } from "./plan.js";

/**
 * The summary after applying, and the exit code it means. `stopped` is why the run stopped early
 * (Ctrl-C, or stdout closed), from `interruptSignal`; its exit code is the run's.
 */
export function report(
  plan: Plan,
  result: ApplyResult,
  stopped: CliError | undefined,
): { lines: string[]; exitCode: ExitCode } {
  const lines = result.failed.map(({ write, error }) => {
    const where = "line" in write ? `line ${write.line} ` : "";
    return `✗ ${write.kind} ${where}${write.match}: ${describeError(error).message}`;
  });
  const done = result.created + result.updated + result.deleted + result.alreadyDone + result.failed.length;
  lines.push(
    `${stopped ? stopped.message : "done"}: ${result.created} created, ${result.updated} updated, ${result.deleted} deleted, ` +
      `${plan.unchanged.length} unchanged, ${plan.conflicts.length} conflicts not applied, ${result.failed.length} failed` +
      (result.alreadyDone > 0 ? `, ${result.alreadyDone} already done by an earlier run` : ""),
  );
  if (stopped) {
    lines.push(
      `${plan.writes.length - done} writes not sent; run the same command again to finish (the checkpoint keeps the rest)`,
    );
    return { lines, exitCode: stopped.exitCode };
  }
  if (result.failed.length > 0) return { lines, exitCode: exitCodes.failure };
  if (plan.conflicts.length > 0) {
    lines.push("fix the conflicting rows and run again");
    return { lines, exitCode: exitCodes.syncConflicts };
  }
  return { lines, exitCode: exitCodes.ok };
}
