import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { clientEntry } from "./bundle-size.js";
import { repoRoot } from "./paths.js";

/** The parts of V8's .cpuprofile format (Profiler.Profile) this summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface Row {
  name: string;
  microseconds: number;
  share: number;
}

export interface ProfileSummary {
  sampledMs: number;
  /** Self time by where the code lives: a client source file and function, openapi-fetch, undici, GC… */
  self: Row[];
  /**
   * Inclusive time charged to the client frame nearest the leaf, split by what it called:
   * "transport.ts send → Request" is the time inside `new Request` called from send().
   */
  byClientCall: Row[];
}

/**
 * tsup writes `// src/<file>.ts` before each source file's code in dist/index.js, and
 * `// ../../node_modules/.pnpm/<package>@<version>/…` before a bundled dependency's; those
 * comments map a line of the bundle back to where it came from without a source map.
 */
function sourceSections(): { line: number; file: string }[] {
  const lines = readFileSync(clientEntry, "utf8").split("\n");
  const sections: { line: number; file: string }[] = [];
  lines.forEach((text, line) => {
    const match = /^\/\/ (\S+\.m?[jt]s)$/.exec(text);
    if (!match?.[1]) return;
    const dependency = /node_modules\/\.pnpm\/(@?[^@/]+(?:\/[^@/]+)?)@/.exec(match[1]);
    sections.push({ line, file: dependency?.[1] ? `(bundled ${dependency[1]})` : match[1] });
  });
  return sections;
}

export function summarize(profile: CpuProfile, requests: number): ProfileSummary {
  const sections = sourceSections();
  const clientUrl = new URL(`file://${clientEntry}`).href;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const isClient = (id: number) => label(id).startsWith("client ");
  const label = (id: number): string => {
    const { functionName, url, lineNumber } = byId.get(id)?.callFrame ?? { functionName: "", url: "", lineNumber: 0 };
    const fn = functionName || "(anonymous)";
    if (url === clientUrl) {
      const file = sections.filter((section) => section.line <= lineNumber).at(-1)?.file ?? "dist/index.js";
      if (file.startsWith("(bundled ")) return `${file.slice(9, -1)} ${fn}`;
      return `client ${file.replace(/^src\//, "")} ${fn}`;
    }
    if (url.includes("openapi-fetch")) return `openapi-fetch ${fn}`;
    if (url.startsWith("node:internal/deps/undici")) return `undici ${fn}`;
    if (url.startsWith("node:")) return `${url.replace(/^node:internal\//, "node:")} ${fn}`;
    if (url === "") return fn; // (garbage collector), (program), (idle), native builtins
    if (url.includes("/bench/")) return `bench ${relative(repoRoot, new URL(url).pathname)} ${fn}`;
    return `${url.split("/").slice(-2).join("/")} ${fn}`;
  };

  const self = new Map<string, number>();
  const byCall = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0;
    const leaf = label(id);
    if (leaf === "(idle)" || leaf === "(root)") return;
    total += delta;
    self.set(leaf, (self.get(leaf) ?? 0) + delta);
    // Walk towards the root to the nearest client frame; remember the frame it called.
    let callee: number | undefined;
    let current: number | undefined = id;
    while (current !== undefined && !isClient(current)) {
      callee = current;
      current = parent.get(current);
    }
    const key =
      current === undefined
        ? "(not under a client frame)"
        : `${label(current)} → ${callee === undefined ? "self" : label(callee)}`;
    byCall.set(key, (byCall.get(key) ?? 0) + delta);
  });

  const rows = (map: Map<string, number>): Row[] =>
    [...map]
      .map(([name, microseconds]) => ({ name, microseconds: microseconds / requests, share: microseconds / total }))
      .sort((a, b) => b.share - a.share);
  return { sampledMs: total / 1000, self: rows(self), byClientCall: rows(byCall) };
}

export function printSummary(summary: ProfileSummary, top = 25): void {
  const print = (title: string, rows: Row[]) => {
    console.log(`\n${title}`);
    console.log("   share   µs/req  where");
    for (const row of rows.slice(0, top)) {
      console.log(
        `  ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.microseconds.toFixed(1).padStart(7)}  ${row.name}`,
      );
    }
  };
  console.log(`sampled ${summary.sampledMs.toFixed(0)} ms of CPU (idle excluded)`);
  print("Self time by function", summary.self);
  print("Time under the nearest client frame, by what it called (client frame → callee)", summary.byClientCall);
}

/** Where `target` spends more (or less) than `baseline`, by self-time function, in µs per request. */
export function printDifference(
  baseline: { name: string; summary: ProfileSummary },
  target: { name: string; summary: ProfileSummary },
  top = 30,
): void {
  const before = new Map(baseline.summary.self.map((row) => [row.name, row.microseconds]));
  const after = new Map(target.summary.self.map((row) => [row.name, row.microseconds]));
  const names = new Set([...before.keys(), ...after.keys()]);
  const rows = [...names]
    .map((name) => ({ name, before: before.get(name) ?? 0, after: after.get(name) ?? 0 }))
    .map((row) => ({ ...row, difference: row.after - row.before }))
    .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference));
  const sum = (map: Map<string, number>) => [...map.values()].reduce((total, value) => total + value, 0);
  console.log(`\nSelf time per request: ${target.name} minus ${baseline.name}`);
  console.log(
    `  total CPU per request: ${sum(before).toFixed(1)} µs → ${sum(after).toFixed(1)} µs (+${(sum(after) - sum(before)).toFixed(1)} µs)`,
  );
  console.log("   before    after    diff  where");
  for (const row of rows.slice(0, top)) {
    const cells = [row.before, row.after].map((value) => value.toFixed(1).padStart(7));
    const difference = `${row.difference >= 0 ? "+" : ""}${row.difference.toFixed(1)}`.padStart(7);
    console.log(`  ${cells.join("  ")}  ${difference}  ${row.name}`);
  }
}
