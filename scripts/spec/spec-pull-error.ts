/** A failure `spec:pull` reports as one line: `spec:pull: <message>`. */
export class SpecPullError extends Error {
  override readonly name = "SpecPullError";
}

/** The first line of an error's message, so that a multi-line library error still prints as one line. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\r?\n/, 1)[0]?.trim() || "unknown error";
}
