import type { Output } from "./report.js";

export interface Progress {
  /** Reports items fetched so far; redraws the bar (terminal) or prints a line now and then (log). */
  update(items: number, pages: number): void;
  finish(items: number, pages: number): void;
}

const width = 24;
const logIntervalMs = 1000;

/**
 * A one-line progress bar redrawn in place with `\r` on a terminal; in a CI log, where `\r`
 * would pile up, one plain line at most every second and a final one.
 */
export function createProgress(out: Output, total: number | undefined, noun: string): Progress {
  let lastLogged = Date.now();
  const describe = (items: number, pages: number) => {
    const count = total === undefined ? `${items} ${noun}` : `${items}/${total} ${noun}`;
    return `${count} · ${pages} ${pages === 1 ? "page" : "pages"}`;
  };
  const bar = (items: number) => {
    if (!total) return "";
    const filled = Math.min(width, Math.round((items / total) * width));
    return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] `;
  };
  return {
    update(items, pages) {
      if (out.isTTY) {
        out.write(`\r  ${bar(items)}${describe(items, pages)}\u001b[K`);
      } else if (Date.now() - lastLogged >= logIntervalMs) {
        lastLogged = Date.now();
        out.write(`  … ${describe(items, pages)}\n`);
      }
    },
    finish(items, pages) {
      if (out.isTTY) out.write(`\r  ${bar(items)}${describe(items, pages)}\u001b[K\n`);
      else out.write(`  fetched ${describe(items, pages)}\n`);
    },
  };
}
