/** The logger the client writes to. `console` and pino satisfy it. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export const logLevels = ["off", "error", "warn", "info", "debug"] as const;
export type LogLevel = (typeof logLevels)[number];

const rank: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** A level-filtered logger that scrubs known secrets from every line before it is written. */
export interface LogSink {
  enabled(level: Exclude<LogLevel, "off">): boolean;
  log(level: Exclude<LogLevel, "off">, message: string): void;
}

export function createLogSink(logger: Logger, level: LogLevel, scrub: (text: string) => string): LogSink {
  const threshold = rank[level];
  return {
    enabled: (messageLevel) => rank[messageLevel] <= threshold,
    log(messageLevel, message) {
      if (rank[messageLevel] > threshold) return;
      logger[messageLevel](`[engagifii-crm] ${scrub(message)}`);
    },
  };
}
