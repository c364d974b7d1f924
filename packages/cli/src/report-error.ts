import {
  AuthenticationError,
  ConfigurationError,
  ConnectionError,
  CrmApiError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from "@engagifii/crm-client";
import { CliError } from "./cli-error.js";
import { type ExitCode, exitCodes } from "./exit-codes.js";

/** Turns any error into the binary's one line, a hint, and an exit code. Never prints a secret. */
export function describeError(error: unknown): { message: string; hint: string | undefined; exitCode: ExitCode } {
  if (error instanceof CliError) return { message: error.message, hint: error.hint, exitCode: error.exitCode };
  if (error instanceof ConfigurationError) {
    return {
      message: error.message,
      hint: "run `engagifii configure`, set ENGAGIFII_* variables, or try `--mock`",
      exitCode: exitCodes.configuration,
    };
  }
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return {
      message: `${error.name}: ${error.message}`,
      hint: "check the client id, secret and tenant with `engagifii auth check`",
      exitCode: exitCodes.configuration,
    };
  }
  if (error instanceof ValidationError) {
    const fields = Object.entries(error.fieldErrors ?? {})
      .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
      .join("; ");
    return { message: `${error.name}: ${fields || error.message}`, hint: "fix the fields named", exitCode: 1 };
  }
  if (error instanceof NotFoundError) {
    return { message: `${error.name}: ${error.method} ${error.path} found nothing`, hint: "check the id", exitCode: 1 };
  }
  if (error instanceof ConnectionError || error instanceof TimeoutError) {
    return { message: `${error.name}: ${error.message}`, hint: "check --base-url and your network", exitCode: 1 };
  }
  if (error instanceof RateLimitError) {
    return { message: `${error.name}: ${error.message}`, hint: "wait a minute, or lower --rate-limit", exitCode: 1 };
  }
  if (error instanceof CrmApiError) {
    const request = error.requestId ? ` (request id ${error.requestId})` : "";
    return { message: `${error.name}: ${error.message}${request}`, hint: undefined, exitCode: exitCodes.failure };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { message: message.split("\n")[0] ?? message, hint: undefined, exitCode: exitCodes.failure };
}
