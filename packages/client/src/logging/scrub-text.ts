import { type DecodedText, decoders, spanOf } from "./scrub-decode.js";
import { foldForSearch } from "./scrub-forms.js";

// Layers of encoding undone at most, in any order: a JSON escape of a percent-encoded value of a
// base64 secret is three. Each layer that finds nothing to decode is skipped, so plain text costs
// one search per form.
const maxLayers = 3;
const redacted = "[redacted]";

/**
 * Replaces every place where one of `forms` appears in `text`, literally or under up to three
 * layers of JSON escapes, percent-encoding (upper- or lower-case hex, `+` for a space) and HTML
 * character references, by `[redacted]`.
 */
export function scrubText(text: string, forms: readonly string[]): string {
  if (text.length === 0 || forms.length === 0) return text;
  const spans: [number, number][] = [];
  const queue: { decoded: DecodedText; layers: number }[] = [{ decoded: { text }, layers: 0 }];
  // Layers undone in another order often give the same text: it is searched once.
  const searched = new Set<string>();
  for (let item = queue.shift(); item; item = queue.shift()) {
    const { decoded, layers } = item;
    if (searched.has(decoded.text)) continue;
    searched.add(decoded.text);
    const folded = foldForSearch(decoded.text);
    for (const form of forms) {
      for (let at = folded.indexOf(form); at !== -1; at = folded.indexOf(form, at + 1)) {
        spans.push(spanOf(decoded, at, at + form.length));
      }
    }
    if (layers === maxLayers) continue;
    for (const decode of decoders) {
      const next = decode(decoded);
      if (next) queue.push({ decoded: next, layers: layers + 1 });
    }
  }
  return spans.length === 0 ? text : cut(text, spans);
}

function cut(text: string, spans: [number, number][]): string {
  spans.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let kept = 0;
  for (const [start, end] of spans) {
    if (end <= kept) continue;
    if (start >= kept) parts.push(text.slice(kept, start), redacted);
    kept = end;
  }
  parts.push(text.slice(kept));
  return parts.join("");
}
