/** How a change moves the version of the packages generated from the spec: major breaks callers, minor adds, patch is docs. */
export type Level = "major" | "minor" | "patch";

export interface Change {
  level: Level;
  /** What changed, for a person: `request body: "phone" is now required`. */
  message: string;
  /** For a documentation-only change, the keyword that changed (`description`, `example`, …); summaries group these. */
  docs?: string;
}

const RANK: Record<Level, number> = { patch: 0, minor: 1, major: 2 };

/** The most severe level among `levels`, or undefined for none. */
export function highestLevel(levels: Iterable<Level>): Level | undefined {
  let highest: Level | undefined;
  for (const level of levels) if (highest === undefined || RANK[level] > RANK[highest]) highest = level;
  return highest;
}

export const major = (message: string): Change => ({ level: "major", message });
export const minor = (message: string): Change => ({ level: "minor", message });

/** Keywords that only document: changing them changes no type and no behaviour. */
const DOCS_KEYWORDS = new Set(["description", "summary", "title", "example", "examples", "externalDocs", "tags"]);

export function isDocsKeyword(key: string): boolean {
  return DOCS_KEYWORDS.has(key) || key.startsWith("x-");
}

/** A patch-level change for each documentation keyword of `keys` whose value differs between the two objects. */
export function diffDocs(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  label: string,
  out: Change[],
): void {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (!isDocsKeyword(key) || sameJson(before[key], after[key])) continue;
    out.push({ level: "patch", message: `${label ? `${label}: ` : ""}${key} changed`, docs: key });
  }
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
