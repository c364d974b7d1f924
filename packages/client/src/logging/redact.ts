const maxKeptSecrets = 16;
const sensitiveHeaders = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);

/** Header names and values fit for a debug log: credentials replaced by `[redacted]`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const safe: Record<string, string> = {};
  headers.forEach((value, name) => {
    safe[name] = sensitiveHeaders.has(name) ? "[redacted]" : value;
  });
  return safe;
}

/**
 * Keeps the secrets a client holds (its client secret, its current and past access tokens) and
 * replaces any of them found in a string. Logs and error messages pass through it, so that a
 * secret echoed by a server or a proxy never reaches output.
 */
export class SecretScrubber {
  readonly #secrets = new Set<string>();

  add(secret: string | undefined): void {
    // Very short values would redact ordinary words; real secrets and tokens are long.
    if (!secret || secret.length < 8 || this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    // Tokens rotate hourly; keep the newest few so that a long-lived client stays bounded.
    if (this.#secrets.size > maxKeptSecrets) this.#secrets.delete(this.#secrets.values().next().value as string);
  }

  scrub = (text: string): string => {
    let result = text;
    for (const secret of this.#secrets) result = result.replaceAll(secret, "[redacted]");
    return result;
  };
}
