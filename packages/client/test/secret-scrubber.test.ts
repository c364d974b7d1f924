/**
 * The scrubber finds a secret whatever a server wrapped around it. fast-check draws secrets rich
 * in the characters that encodings treat specially, and chains of up to three encodings over the
 * secret or its base64 / base64url form; the seed is fixed (FC_SEED explores others).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SecretScrubber } from "../src/logging/redact.js";

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_261_201) });

const specials = ["+", "/", " ", "%", "&", "#", ";", "\\", '"', "=", "?", "é", "😀", "\n", "\u0000", "\u2028"];
const secretArbitrary = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...specials),
    fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    fc.constantFrom(..."ABCxyz0189-_"),
  ),
  minLength: 8,
  maxLength: 40,
});

const units = (text: string) => Array.from({ length: text.length }, (_, index) => text.charCodeAt(index));
const hex = (value: number, width: number) => value.toString(16).padStart(width, "0");

/** An encoding layer; `choice` varies the per-character form (upper- or lower-case hex, escaped or not). */
type Layer = (text: string, choice: number) => string;
const layers: Record<string, Layer> = {
  "JSON.stringify": (text) => JSON.stringify(text).slice(1, -1),
  "JSON.stringify with \\/": (text) => JSON.stringify(text).slice(1, -1).replaceAll("/", "\\/"),
  "\\u escapes of every unit": (text, choice) =>
    units(text)
      .map((unit, index) => ((choice >> (index % 8)) & 1 ? `\\u${hex(unit, 4)}` : `\\u${hex(unit, 4).toUpperCase()}`))
      .join(""),
  encodeURIComponent: (text) => encodeURIComponent(text),
  "percent-encoding, lower-case hex": (text) =>
    encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (byte) => byte.toLowerCase()),
  "form encoding": (text) => new URLSearchParams({ value: text }).toString().slice("value=".length),
  "HTML decimal references": (text) => [...text].map((character) => `&#${character.codePointAt(0)};`).join(""),
  "HTML hex references": (text) =>
    [...text].map((character) => `&#x${hex(character.codePointAt(0) ?? 0, 1)};`).join(""),
};
const forms: Record<string, (secret: string) => string> = {
  raw: (secret) => secret,
  base64: (secret) => Buffer.from(secret).toString("base64"),
  base64url: (secret) => Buffer.from(secret).toString("base64url"),
  "base64 of id:secret": (secret) => Buffer.from(`client-id:${secret}`).toString("base64"),
};
const encodingArbitrary = fc.record({
  form: fc.constantFrom(...Object.keys(forms)),
  layers: fc.array(fc.constantFrom(...Object.keys(layers)), { maxLength: 3 }),
  choice: fc.nat(255),
});
// Text around the echo, from characters that cannot join an escape sequence with it.
const surrounding = fc.string({
  unit: fc.constantFrom("a", "b", "z", " ", ",", ":", "{", "}", '"', "=", "1"),
  maxLength: 20,
});

function encode(secret: string, encoding: { form: string; layers: string[]; choice: number }): string {
  let text = forms[encoding.form]?.(secret) ?? secret;
  for (const name of encoding.layers) text = layers[name]?.(text, encoding.choice) ?? text;
  return text;
}

describe("SecretScrubber.scrub", () => {
  it("removes a secret echoed in any chain of up to three encodings, over the secret or its base64", () => {
    fc.assert(
      fc.property(secretArbitrary, encodingArbitrary, surrounding, surrounding, (secret, encoding, before, after) => {
        const scrubber = new SecretScrubber();
        scrubber.add(secret);
        const echoed = encode(secret, encoding);
        const scrubbed = scrubber.scrub(`${before}${echoed}${after}`);
        expect(scrubbed).toContain("[redacted]");
        expect(scrubbed).not.toContain(echoed);
        expect(scrubbed).not.toContain(secret);
        // Only the echo goes: the text around it stays.
        expect(scrubbed.startsWith(before)).toBe(true);
        expect(scrubbed.endsWith(after)).toBe(true);
      }),
      { numRuns: 1_500 },
    );
  });

  it.each([
    ["JSON escapes", 'said "\\u0073\\u0033cret\\/v\\u0061lue" then', 'said "[redacted]" then'],
    ["percent-encoding", "q=s3cret%2Fvalue&next=1", "q=[redacted]&next=1"],
    ["HTML references", "<p>s&#51;cret&#x2F;value</p>", "<p>[redacted]</p>"],
    ["JSON escapes of HTML references", "<p>s&#51;cret\\u0026#47;value</p>", "<p>[redacted]</p>"],
  ])("cuts out exactly the encoded secret (%s)", (_name, text, expected) => {
    const scrubber = new SecretScrubber();
    scrubber.add("s3cret/value");
    expect(scrubber.scrub(text)).toBe(expected);
  });

  it("leaves text without a secret unchanged", () => {
    const plain = fc.string({ unit: fc.constantFrom(..."abcdefxyz 0123456789.,:-_{}[]\"'"), maxLength: 200 });
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{8,30}$/), plain, (secret, text) => {
        const scrubber = new SecretScrubber();
        scrubber.add(secret);
        expect(scrubber.scrub(text)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("scrubs inside a parsed JSON body, re-serialising it only when that removed something", () => {
    const scrubber = new SecretScrubber();
    scrubber.add("s3cret+value/1");
    // A JSON text inside a JSON string: four layers of escaping, past the text scrub's three.
    const nested = JSON.stringify({ inner: JSON.stringify(JSON.stringify({ token: "s3cret\u002bvalue/1" })) });
    const layered = nested.replace("s3cret+value/1", "s3cret\\\\\\\\u002bvalue\\\\\\\\/1");
    expect(JSON.stringify(JSON.parse(scrubber.scrub(layered)))).not.toMatch(/s3cret|u002b/i);
    const untouched = '{ "a" : "no secret\\n here" }';
    expect(scrubber.scrub(untouched)).toBe(untouched);
  });

  it("ignores values too short to be secrets, which would redact ordinary words", () => {
    const scrubber = new SecretScrubber();
    scrubber.add("short");
    scrubber.add("");
    scrubber.add(undefined);
    expect(scrubber.scrub("short text")).toBe("short text");
  });
});

describe("SecretScrubber.scrubValue", () => {
  it("scrubs every string, key and value, at any depth, and copies only what changed", () => {
    fc.assert(
      fc.property(secretArbitrary, fc.jsonValue({ maxDepth: 4 }), fc.nat(), (secret, value, seed) => {
        const scrubber = new SecretScrubber();
        scrubber.add(secret);
        expect(scrubber.scrubValue(value)).toBe(value); // nothing to remove: the very same reference
        const planted = plant(value, secret, seed);
        const scrubbed = scrubber.scrubValue(planted);
        expect(JSON.stringify(scrubbed)).not.toContain(JSON.stringify(secret).slice(1, -1));
        expect(collectStrings(scrubbed).some((text) => text.includes(secret))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("walks a body nested 100,000 deep without overflowing the stack", () => {
    const scrubber = new SecretScrubber();
    scrubber.add("deep-secret-value");
    let body: unknown = { token: "deep-secret-value" };
    for (let depth = 0; depth < 100_000; depth++) body = [body];
    let scrubbed = scrubber.scrubValue(body);
    for (let depth = 0; depth < 100_000; depth++) scrubbed = (scrubbed as unknown[])[0];
    expect(scrubbed).toEqual({ token: "[redacted]" });
  });

  it("keeps a key named __proto__ as a key, and leaves class instances and cycles as they are", () => {
    const scrubber = new SecretScrubber();
    scrubber.add("proto-secret-value");
    const body = JSON.parse('{"__proto__":{"x":"proto-secret-value"},"when":1}') as Record<string, unknown>;
    const scrubbed = scrubber.scrubValue(body);
    expect(Object.getPrototypeOf(scrubbed)).toBe(Object.prototype);
    expect(Object.entries(scrubbed)).toEqual([
      ["__proto__", { x: "[redacted]" }],
      ["when", 1],
    ]);
    const cyclic: Record<string, unknown> = { note: "proto-secret-value", date: new Date(0) };
    cyclic.self = cyclic;
    const copy = scrubber.scrubValue(cyclic);
    expect(copy.note).toBe("[redacted]");
    expect(copy.date).toBe(cyclic.date);
  });
});

describe("the secrets a scrubber keeps", () => {
  it("never forgets a permanent secret (the client secret), however many tokens rotate after it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), (rotations) => {
        const scrubber = new SecretScrubber();
        scrubber.add("client-secret-value", { permanent: true });
        for (let token = 0; token < rotations; token++) scrubber.add(`access-token-${token}-abcdef`);
        expect(scrubber.scrub("echo client-secret-value")).toBe("echo [redacted]");
      }),
      { numRuns: 50 },
    );
  });

  it("keeps the 16 newest rotating tokens, so that a long-lived client stays bounded", () => {
    const scrubber = new SecretScrubber();
    for (let token = 0; token < 40; token++) scrubber.add(`access-token-${token}-abcdef`);
    expect(scrubber.scrub("access-token-39-abcdef access-token-24-abcdef")).toBe("[redacted] [redacted]");
    expect(scrubber.scrub("access-token-23-abcdef")).toBe("access-token-23-abcdef");
  });

  it("makes a rotating secret permanent when it is added again as permanent", () => {
    const scrubber = new SecretScrubber();
    scrubber.add("shared-secret-value");
    scrubber.add("shared-secret-value", { permanent: true });
    for (let token = 0; token < 40; token++) scrubber.add(`access-token-${token}-abcdef`);
    expect(scrubber.scrub("shared-secret-value")).toBe("[redacted]");
  });
});

/** `value` with `secret` planted in some strings and keys (chosen by `seed`). */
function plant(value: unknown, secret: string, seed: number): unknown {
  const planted = { [`key ${secret}`]: value, list: [secret, `around ${secret} it`] };
  if (typeof value === "string") return seed % 2 ? `${value}${secret}` : planted;
  return seed % 3 === 0 ? [planted, value] : planted;
}

function collectStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([key, item]) => [key, ...collectStrings(item)]);
  return [];
}
