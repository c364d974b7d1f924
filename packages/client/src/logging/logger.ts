/** The logger the client writes to. `console` and pino satisfy it. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** The Logger methods, most severe first. */
export const logMethods = ["error", "warn", "info", "debug"] as const;
/** `off`, then each level lets through its method and the more severe ones. */
export const logLevels = ["off", ...logMethods] as const;
export type LogLevel = (typeof logLevels)[number];
type LogMethod = (typeof logMethods)[number];

/** A level-filtered logger that scrubs known secrets from every line before it is written. */
export interface LogSink {
  enabled(level: LogMethod): boolean;
  log(level: LogMethod, message: string): void;
}

export function createLogSink(logger: Logger, level: LogLevel, scrub: (text: string) => string): LogSink {
  const threshold = logLevels.indexOf(level);
  const enabled = (messageLevel: LogMethod) => logLevels.indexOf(messageLevel) <= threshold;
  return {
    enabled,
    log(messageLevel, message) {
      if (enabled(messageLevel)) logger[messageLevel](`[engagifii-crm] ${scrub(message)}`);
    },
  };
}
