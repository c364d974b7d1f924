/**
 * Text with one or more layers of encoding undone (JSON string escapes, percent-encoding, HTML
 * character references). Each layer remembers which of its units came from which span of the
 * text it decoded, so that a secret found in the decoded text can be cut out of the original,
 * whatever mix of encodings a server wrapped around it.
 */
export interface DecodedText {
  text: string;
  /** The text this one was decoded from and where its escapes were; none for the original text. */
  source?: { decoded: DecodedText; edits: Edit[] };
}

/** One undone escape: units [at, at + length) of the decoded text came from [from, to) of its source. */
interface Edit {
  at: number;
  length: number;
  from: number;
  to: number;
}

/** One layer of decoding; undefined when the text holds nothing that layer decodes. */
export type Decoder = (input: DecodedText) => DecodedText | undefined;

/** The span of the original text that units [from, to) of `decoded` came from. */
export function spanOf(decoded: DecodedText, from: number, to: number): [number, number] {
  let start = from;
  let end = to;
  for (let level = decoded; level.source; level = level.source.decoded) {
    const edits = level.source.edits;
    const first = edits[lastEditAtOrBefore(edits, start)];
    start = !first ? start : start < first.at + first.length ? first.from : first.to + start - first.at - first.length;
    const last = edits[lastEditAtOrBefore(edits, end - 1)];
    end = !last ? end : end - 1 < last.at + last.length ? last.to : last.to + end - last.at - last.length;
  }
  return [start, end];
}

function lastEditAtOrBefore(edits: Edit[], index: number): number {
  let low = 0;
  let high = edits.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((edits[middle]?.at ?? 0) <= index) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

function layer(pattern: RegExp, decode: (match: string) => string): Decoder {
  return (input) => {
    if (input.text.search(pattern) === -1) return undefined;
    const edits: Edit[] = [];
    let shift = 0;
    // The patterns have no capture groups, so the second argument is the match's offset.
    const text = input.text.replace(pattern, (match: string, offset: number) => {
      const decoded = decode(match);
      edits.push({ at: offset + shift, length: decoded.length, from: offset, to: offset + match.length });
      shift += decoded.length - match.length;
      return decoded;
    });
    return { text, source: { decoded: input, edits } };
  };
}

const jsonEscapes: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** JSON string escapes: `\u002B` (any case, surrogate halves included), `\/`, `\"`, `\n`, … */
export const decodeJsonEscapes = layer(/\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])/g, (match) =>
  match.length === 6
    ? String.fromCharCode(Number.parseInt(match.slice(2), 16))
    : (jsonEscapes[match.charAt(1)] ?? match),
);

/**
 * Percent-encoding, upper- or lower-case hex (`+` for a space is folded later). A run of escapes
 * decodes as one piece, so a secret that starts or ends inside a run takes the whole run with it.
 * A run that is not UTF-8 decodes byte by byte, as Latin-1.
 */
export const decodePercentEncoding = layer(/(?:%[0-9a-fA-F]{2})+/g, (match) => {
  try {
    return decodeURIComponent(match);
  } catch {
    return match.replace(/%(..)/g, (_escape, byte: string) => String.fromCharCode(Number.parseInt(byte, 16)));
  }
});

const namedReferences: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", sol: "/" };

/** HTML character references, as in an error page that quotes a request: `&#43;`, `&#x2B;`, `&amp;`. */
export const decodeHtmlReferences = layer(/&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|sol);/g, (match) => {
  const [, decimal, hex, name] = /^&(?:#(\d+)|#[xX](\w+)|(\w+));$/.exec(match) ?? [];
  const codePoint = decimal ? Number(decimal) : hex ? Number.parseInt(hex, 16) : undefined;
  if (codePoint === undefined) return namedReferences[name ?? ""] ?? match;
  return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : match;
});

export const decoders: readonly Decoder[] = [decodeJsonEscapes, decodePercentEncoding, decodeHtmlReferences];
