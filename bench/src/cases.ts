/**
 * Every case `pnpm bench` runs, in order: one file `src/<name>.ts` each, exporting `run()` and
 * calling `runAsScript`. A new case is that file plus its name here.
 */
export const cases = [
  "bundle-size",
  "token-single-flight",
  "pagination",
  "limiter-pacing",
  "cpu-side-by-side",
  "rate-limit-side-by-side",
  "many-workers",
] as const;
