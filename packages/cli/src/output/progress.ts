import { Presets, SingleBar } from "cli-progress";

/** Reports how far a long job is. */
export interface Progress {
  update(done: number, total: number | undefined): void;
  stop(): void;
}

/**
 * A cli-progress bar on a terminal; in a log, or with NO_COLOR set, one plain line at each 10 %.
 * Both write to stderr, so stdout stays clean for data.
 */
export function createProgress(
  label: string,
  stream: NodeJS.WriteStream,
  env: Record<string, string | undefined>,
): Progress {
  if (stream.isTTY && !env.NO_COLOR) {
    const bar = new SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
        stream,
        hideCursor: true,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) bar.start(total ?? done, done);
        started = true;
        if (total !== undefined) bar.setTotal(total);
        bar.update(done);
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let lastTenth = 0; // no line for 0 %
  return {
    update(done, total) {
      if (!total) return;
      const tenth = Math.min(10, Math.floor((done / total) * 10));
      if (tenth <= lastTenth) return;
      lastTenth = tenth;
      // The line is drawn at each 10 % step, but says the real share: 1 of 3 is 33 %, not 30 %.
      stream.write(`${label}: ${Math.floor((Math.min(done, total) / total) * 100)}% (${done}/${total})\n`);
    },
    stop() {},
  };
}
