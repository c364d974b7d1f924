import type { Writable } from "node:stream";

export interface ProgressBar {
  /** Counts `n` more items done and redraws. */
  advance(n: number): void;
  /** Draws the final state and ends the line. */
  finish(): void;
}

/**
 * `[##########----------]  50% 1,000/2,000 people`, redrawn in place on a terminal. Elsewhere (a CI log, a file) it
 * prints one line per tenth of the way, so the log stays short.
 */
export function progressBar(total: number, stream: Writable | false, label = "people"): ProgressBar {
  if (stream === false) return { advance() {}, finish() {} };
  const interactive = (stream as Writable & { isTTY?: boolean }).isTTY === true;
  const width = 30;
  let done = 0;
  let lastTenth = -1;
  const line = () => {
    const ratio = total > 0 ? Math.min(done / total, 1) : 1;
    const filled = Math.round(ratio * width);
    const percent = `${Math.round(ratio * 100)}%`.padStart(4);
    return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${percent} ${done.toLocaleString("en")}/${total.toLocaleString("en")} ${label}`;
  };
  return {
    advance(n) {
      done += n;
      if (interactive) {
        stream.write(`\r${line()}`);
        return;
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${line()}\n`);
      }
    },
    finish() {
      if (interactive) stream.write(`\r${line()}\n`);
      else if (lastTenth < 10) stream.write(`${line()}\n`);
    },
  };
}
