import type { Exchange } from "./recorder.js";
import type { Report } from "./report.js";

/** Prints exchanges as they happen, counts them per step, and can stop printing (e.g. for a bulk fetch). */
export interface ExchangeLog {
  record(exchange: Exchange): void;
  startStep(): void;
  /** Print at most `count` more exchanges in this step. */
  limit(count: number): void;
  /** Requests made in the current step, and how many of them were not printed. */
  endStep(): { requests: number; hidden: number };
  readonly total: number;
}

export function createExchangeLog(report: Report): ExchangeLog {
  let total = 0;
  let stepStart = 0;
  let shown = 0;
  let budget = Number.POSITIVE_INFINITY;
  return {
    record(exchange) {
      total++;
      if (budget <= 0) return;
      budget--;
      shown++;
      report.exchange(exchange);
    },
    startStep() {
      stepStart = total;
      shown = 0;
      budget = Number.POSITIVE_INFINITY;
    },
    limit(count) {
      budget = count;
    },
    endStep() {
      const requests = total - stepStart;
      return { requests, hidden: requests - shown };
    },
    get total() {
      return total;
    },
  };
}
