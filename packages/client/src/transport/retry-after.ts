// delay-seconds is digits (RFC 9110 §10.2.3); a fraction is accepted, a sign, hex or exponent is not.
const delayNumber = /^\s*\d+(?:\.\d+)?\s*$/;
// An HTTP-date names its day or month; anything without letters ("-5", "0x10") is no date.
const namesADayOrMonth = /[a-z]{3}/i;

/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms`, else `Retry-After`
 * as seconds or as an HTTP date. Undefined when absent or unreadable (negative, hex, `Infinity`,
 * a bare number Date.parse would take for a year): the caller then backs off as usual.
 */
export function readRetryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = parseDelay(headers.get("retry-after-ms"));
  if (milliseconds !== undefined) return milliseconds;
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = parseDelay(value);
  if (seconds !== undefined) return seconds * 1000;
  if (!namesADayOrMonth.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseDelay(value: string | null): number | undefined {
  return value !== null && delayNumber.test(value) ? Number(value) : undefined;
}
