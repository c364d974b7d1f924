import { searchFormsOf } from "./scrub-forms.js";
import { scrubText } from "./scrub-text.js";
import { scrubValue } from "./scrub-value.js";

// Access tokens rotate (hourly, or at every 401): the newest few are kept, so that a long-lived
// client stays bounded. Permanent secrets (the client secret) are never evicted.
const maxRotatingSecrets = 16;
const sensitiveHeaders = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);

/** Header names and values fit for a debug log: credentials replaced by `[redacted]`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const safe: Record<string, string> = {};
  headers.forEach((value, name) => {
    safe[name] = sensitiveHeaders.has(name) ? "[redacted]" : value;
  });
  return safe;
}

export interface AddSecretOptions {
  /** Keep it for the scrubber's whole life (a client secret), instead of among the newest rotating tokens. */
  permanent?: boolean;
}

/**
 * Keeps the secrets a client holds (its client secret, its current and past access tokens) and
 * replaces any of them found in a string. Logs and error messages pass through it, so that a
 * secret echoed by a server or a proxy never reaches output, in whatever encoding it was echoed:
 * JSON escapes, percent- or form-encoding, HTML character references, base64 or base64url, or a
 * mix of up to three of these.
 */
export class SecretScrubber {
  readonly #permanent = new Map<string, string[]>();
  readonly #rotating = new Map<string, string[]>();
  #forms: string[] = [];

  add(secret: string | undefined, options: AddSecretOptions = {}): void {
    // Very short values would redact ordinary words; real secrets and tokens are long.
    if (!secret || secret.length < 8 || this.#permanent.has(secret)) return;
    const forms = this.#rotating.get(secret) ?? searchFormsOf(secret);
    this.#rotating.delete(secret);
    if (options.permanent) this.#permanent.set(secret, forms);
    else this.#rotating.set(secret, forms);
    if (this.#rotating.size > maxRotatingSecrets) this.#rotating.delete(this.#rotating.keys().next().value as string);
    this.#forms = [...this.#permanent.values(), ...this.#rotating.values()].flat();
  }

  /**
   * `text` with every known secret replaced by `[redacted]`. A JSON text is also parsed and its
   * strings scrubbed one by one, and re-serialised only when that removed something more.
   */
  scrub = (text: string): string => {
    const scrubbed = scrubText(text, this.#forms);
    return this.#forms.length === 0 ? scrubbed : this.#scrubParsedJson(scrubbed);
  };

  /** A parsed body (or any plain value) with every string in it, keys included, scrubbed; the same reference when none held a secret. */
  scrubValue = <T>(value: T): T => (this.#forms.length === 0 ? value : scrubValue(value, this.scrub));

  // Parsing undoes one layer of JSON escapes, which scrubText has already undone; what parsing
  // adds is the strings that still hold a backslash once parsed (JSON inside a JSON string, escaped
  // twice or more), which are scrubbed again as text of their own, past scrubText's three layers.
  #scrubParsedJson(text: string): string {
    const start = text.trimStart().charAt(0);
    if ((start !== "{" && start !== "[" && start !== '"') || !text.includes("\\")) return text;
    try {
      const parsed: unknown = JSON.parse(text);
      const scrubbed = scrubValue(parsed, (value) => (value.includes("\\") ? this.scrub(value) : value));
      return scrubbed === parsed ? text : JSON.stringify(scrubbed);
    } catch {
      return text; // not JSON, or nested too deep to serialise again: the text scrub stands
    }
  }
}
