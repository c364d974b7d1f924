import { isPlainRecord } from "./is-record.js";

/**
 * What an error keeps of a response body. A body within these limits is kept as it is (the same
 * reference); past them, a copy keeps the first part and says what was cut, so that an error built
 * from a hostile body still prints (util.inspect, console.error, JSON.stringify) quickly and
 * without overflowing the stack.
 */
export const errorBodyLimits = {
  /** Arrays and objects nested deeper than this are replaced by a note. */
  depth: 20,
  /** Items of an array, or keys of an object, kept of each. */
  entries: 1_000,
  /** Characters kept of each string. */
  stringLength: 10_000,
  /** Values kept in all; a body that shares one object many times counts it each time. */
  values: 10_000,
} as const;

/** `body` within `errorBodyLimits`: the body itself when it already is, else a cut copy. */
export function limitBody(body: unknown): unknown {
  return limit(body, 0, { values: errorBodyLimits.values }, new Set());
}

function limit(value: unknown, depth: number, budget: { values: number }, ancestors: Set<object>): unknown {
  budget.values--;
  if (typeof value === "string") {
    const kept = errorBodyLimits.stringLength;
    return value.length > kept ? `${value.slice(0, kept)}… [${value.length - kept} more characters]` : value;
  }
  if (!Array.isArray(value) && !isPlainRecord(value)) return value;
  if (ancestors.has(value)) return "[circular reference]";
  if (depth >= errorBodyLimits.depth) return `[nested deeper than ${errorBodyLimits.depth} levels]`;
  ancestors.add(value);
  const size = Array.isArray(value) ? value.length : Object.keys(value).length;
  const first: [string, unknown][] = Array.isArray(value)
    ? value.slice(0, errorBodyLimits.entries).map((item, index) => [String(index), item])
    : Object.entries(value).slice(0, errorBodyLimits.entries);
  let changed = size > errorBodyLimits.entries;
  const kept: [string, unknown][] = [];
  for (const [key, item] of first) {
    if (budget.values <= 0) {
      changed = true;
      break;
    }
    const limited = limit(item, depth + 1, budget, ancestors);
    changed ||= limited !== item;
    kept.push([key, limited]);
  }
  ancestors.delete(value);
  if (!changed) return value;
  const cut = size - kept.length;
  if (Array.isArray(value)) return [...kept.map(([, item]) => item), ...(cut ? [`[${cut} more items]`] : [])];
  // Object.fromEntries keeps a "__proto__" key as a key.
  return Object.fromEntries(cut ? [...kept, ["…", `${cut} more keys`]] : kept);
}
