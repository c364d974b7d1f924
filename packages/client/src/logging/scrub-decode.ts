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

/** A piece of a match's decoding: `text` came from [from, to) of the match. */
type Piece = { text: string; from: number; to: number };

function layer(pattern: RegExp, decode: (match: string) => Piece[]): Decoder {
  return (input) => {
    if (input.text.search(pattern) === -1) return undefined;
    const edits: Edit[] = [];
    let shift = 0;
    const text = input.text.replace(pattern, (match: string, offset: number) => {
      let decoded = "";
      for (const piece of decode(match)) {
        edits.push({
          at: offset + shift + decoded.length,
          length: piece.text.length,
          from: offset + piece.from,
          to: offset + piece.to,
        });
        decoded += piece.text;
      }
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
export const decodeJsonEscapes = layer(/\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])/g, (match) => [
  {
    text:
      match.length === 6
        ? String.fromCharCode(Number.parseInt(match.slice(2), 16))
        : (jsonEscapes[match.charAt(1)] ?? match),
    from: 0,
    to: match.length,
  },
]);

/** Percent-encoding, upper- or lower-case hex, multi-byte UTF-8 included (`+` for a space is folded later). */
export const decodePercentEncoding = layer(/(?:%[0-9a-fA-F]{2})+/g, (match) => {
  const bytes = Array.from({ length: match.length / 3 }, (_, index) =>
    Number.parseInt(match.slice(index * 3 + 1, index * 3 + 3), 16),
  );
  const pieces: Piece[] = [];
  for (let at = 0; at < bytes.length; ) {
    const length = utf8SequenceLength(bytes, at);
    // A byte that starts no valid UTF-8 sequence stands for the Latin-1 character of that value.
    const text = length
      ? new TextDecoder().decode(new Uint8Array(bytes.slice(at, at + length)))
      : String.fromCharCode(bytes[at] ?? 0);
    pieces.push({ text, from: at * 3, to: (at + (length || 1)) * 3 });
    at += length || 1;
  }
  return pieces;
});

function utf8SequenceLength(bytes: number[], at: number): number {
  const lead = bytes[at] ?? 0;
  const length = lead < 0x80 ? 1 : lead < 0xc2 ? 0 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf5 ? 4 : 0;
  if (length === 0 || at + length > bytes.length) return 0;
  for (let index = at + 1; index < at + length; index++) if (((bytes[index] ?? 0) & 0xc0) !== 0x80) return 0;
  return length;
}

const namedReferences: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", sol: "/" };

/** HTML character references, as in an error page that quotes a request: `&#43;`, `&#x2B;`, `&amp;`. */
export const decodeHtmlReferences = layer(/&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|sol);/g, (match) => {
  const name = match.slice(1, -1);
  const codePoint =
    name.startsWith("#x") || name.startsWith("#X")
      ? Number.parseInt(name.slice(2), 16)
      : name.startsWith("#")
        ? Number(name.slice(1))
        : undefined;
  const text =
    codePoint === undefined
      ? (namedReferences[name] ?? match)
      : codePoint <= 0x10ffff
        ? String.fromCodePoint(codePoint)
        : match;
  return [{ text, from: 0, to: match.length }];
});

export const decoders: readonly Decoder[] = [decodeJsonEscapes, decodePercentEncoding, decodeHtmlReferences];
