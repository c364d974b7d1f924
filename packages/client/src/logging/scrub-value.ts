import { isPlainRecord } from "../is-record.js";

type Container = unknown[] | Record<string, unknown>;

interface Frame {
  source: Container;
  entries: [string, unknown][];
  index: number;
  /** The entries so far, once one of them changed; undefined while none has. */
  changed: [string, unknown][] | undefined;
}

/**
 * A copy of `value` with `scrubString` applied to every string in it: array items, object values
 * and object keys, at any depth. Only what changed is copied: a value without a secret comes back
 * as the very same reference. The walk uses its own stack, so a body nested 100,000 deep does not
 * overflow the call stack. Class instances (Date, Map, …) are left as they are; a reference back
 * to an object still being walked (a cycle) is kept as it is.
 */
export function scrubValue<T>(value: T, scrubString: (text: string) => string): T {
  if (typeof value === "string") return scrubString(value) as T;
  if (!isContainer(value)) return value;
  const finished = new Map<Container, unknown>();
  const open = new Set<Container>([value]);
  const stack: Frame[] = [frameOf(value)];
  let result: unknown = value;
  for (let frame = stack.at(-1); frame; frame = stack.at(-1)) {
    const entry = frame.entries[frame.index];
    if (entry === undefined) {
      stack.pop();
      open.delete(frame.source);
      const scrubbed = frame.changed ? rebuild(frame.source, frame.changed) : frame.source;
      finished.set(frame.source, scrubbed);
      const parent = stack.at(-1);
      if (parent) settle(parent, scrubbed, scrubString);
      else result = scrubbed;
      continue;
    }
    const child = entry[1];
    if (isContainer(child) && !finished.has(child) && !open.has(child)) {
      open.add(child);
      stack.push(frameOf(child));
      continue;
    }
    const scrubbed =
      typeof child === "string" ? scrubString(child) : isContainer(child) ? (finished.get(child) ?? child) : child;
    settle(frame, scrubbed, scrubString);
  }
  return result as T;
}

function settle(frame: Frame, value: unknown, scrubString: (text: string) => string): void {
  const [key, original] = frame.entries[frame.index] as [string, unknown];
  const scrubbedKey = Array.isArray(frame.source) ? key : scrubString(key);
  if (!frame.changed && (value !== original || scrubbedKey !== key))
    frame.changed = frame.entries.slice(0, frame.index);
  frame.changed?.push([scrubbedKey, value]);
  frame.index++;
}

function rebuild(source: Container, entries: [string, unknown][]): Container {
  // Object.fromEntries defines a "__proto__" key as a property instead of replacing the prototype.
  return Array.isArray(source) ? entries.map(([, item]) => item) : Object.fromEntries(entries);
}

function frameOf(source: Container): Frame {
  const entries: [string, unknown][] = Array.isArray(source)
    ? source.map((item, index) => [String(index), item])
    : Object.entries(source);
  return { source, entries, index: 0, changed: undefined };
}

function isContainer(value: unknown): value is Container {
  return Array.isArray(value) || isPlainRecord(value);
}
