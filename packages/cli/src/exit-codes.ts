/** The binary's exit codes; documented in the README and in `engagifii --help`. */
export const exitCodes = {
  /** Everything asked for was done. */
  ok: 0,
  /** The API or the network failed (after the client's retries), or an unexpected error. */
  failure: 1,
  /** Bad usage: an unknown command, flag, path or method, or an unreadable input file. */
  usage: 2,
  /** Missing or rejected configuration: no credentials, a 401 or 403. */
  configuration: 3,
  /** `sync` applied what it could, but some rows are conflicts or invalid; fix the file and run it again. */
  syncConflicts: 4,
  /** Interrupted (Ctrl-C); `export --resume` or re-running `sync` continues from the checkpoint. */
  interrupted: 130,
  /** stdout's reader went away (`| head`) before `sync` had sent every write; re-running it continues. */
  outputClosed: 141,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

export const exitCodeHelp = `Exit codes:
  0    success
  1    the API or the network failed (after retries)
  2    bad usage: unknown command, flag, path or method, unreadable file
  3    configuration: no credentials, or the API refused them (401/403)
  4    sync: some rows were conflicts or invalid (the rest was applied)
  130  interrupted (Ctrl-C); the checkpoint lets you resume
  141  sync stopped because stdout was closed (\`| head\`); re-run it to finish
       (a command that only prints exits 0 when its reader stops reading)`;
