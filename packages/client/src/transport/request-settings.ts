import type { Clock } from "./clock.js";
import type { CallSettings } from "./pipeline.js";

/**
 * A request's own settings. They ride on the Request itself: openapi-fetch copies an init
 * option the Request does not know (here `crmSettings`) onto the Request it builds.
 */
export interface RequestSettings {
  maxRetries?: number;
  /** For this request: a limit for the whole call (all attempts, waits and the token fetch). */
  timeoutMs?: number;
  maxResponseBytes?: number;
  idempotent?: boolean;
  /** The caller's signal, kept off the Request (which would hold a listener on it per request). */
  signal?: AbortSignal;
  /** `parseAs: "stream"`. */
  stream?: boolean;
  tenantCode?: string;
}

export const settingsKey = "crmSettings";

export function settingsOf(request: Request): RequestSettings {
  return (request as Request & { [settingsKey]?: RequestSettings })[settingsKey] ?? {};
}

/** The call's settings: the request's, else the client's; a per-request `timeoutMs` sets a deadline. */
export function resolveSettings(
  settings: RequestSettings,
  defaults: Required<Pick<RequestSettings, "maxRetries" | "timeoutMs" | "maxResponseBytes">>,
  clock: Clock,
): CallSettings & { callerSignal: AbortSignal | undefined } {
  return {
    maxRetries: settings.maxRetries ?? defaults.maxRetries,
    timeoutMs: settings.timeoutMs ?? defaults.timeoutMs,
    deadline: settings.timeoutMs === undefined ? undefined : clock.now() + settings.timeoutMs,
    signal: settings.signal,
    callerSignal: settings.signal,
    idempotent: settings.idempotent,
    stream: settings.stream === true,
    maxResponseBytes: settings.maxResponseBytes ?? defaults.maxResponseBytes,
    tenantCode: settings.tenantCode,
  };
}
