export const tenantHeader = "tenant-code";

// Visible ASCII and inner spaces: anything else (CR, LF, NUL, other controls, non-ASCII) could split or smuggle headers.
const headerSafe = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;

/** Whether a value can be sent as a header without being rewritten or splitting the request. */
export function isHeaderSafe(value: string): boolean {
  return headerSafe.test(value);
}

/** Throws, quoting the value, when it is not header-safe. Not for secrets. */
export function assertHeaderSafe(name: string, value: string): void {
  if (!headerSafe.test(value)) {
    throw new TypeError(
      `${name} header value ${JSON.stringify(value)} is not allowed: use visible ASCII characters, with no CR, LF or other control characters and no leading or trailing spaces`,
    );
  }
}
