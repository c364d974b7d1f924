/** An attempt that ended without a whole response: what the retry policy needs to decide. */
export class AttemptFailure extends Error {
  override name = "AttemptFailure";
  constructor(
    readonly detail: {
      /** The attempt (or the call's deadline) ran out of time. */
      timedOut: boolean;
      /** Response headers arrived before it failed (the body broke off). */
      answered: boolean;
      /** The failure proves the request never reached a server. */
      neverSent: boolean;
    },
    options: ErrorOptions,
  ) {
    super("attempt failed", options);
  }
}
