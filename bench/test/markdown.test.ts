import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { endMarker, spliceInto, startMarker, toMarkdown } from "../src/markdown.js";
import type { Report } from "../src/report.js";

const report: Report = {
  date: "2026-12-01T00:00:00.000Z",
  machine: { cpu: "Test CPU", cores: 2, node: "v20.0.0", platform: "linux-x64", loadAverage: [1, 2] },
  source: { commit: "abc1234", clientSourceChanged: false, benchSourceChanged: true, clientDistSha256: "0123456789ab" },
  totalMs: 12_345,
  passed: false,
  results: [
    {
      bench: "one",
      title: "One case",
      durationMs: 1,
      metrics: [{ name: "elapsed", value: 1234.5, unit: "ms" }],
      budgets: [{ name: "limit", limit: "≤ 1", actual: "2", pass: false }],
      notes: [],
    },
    {
      bench: "two",
      title: "Two",
      durationMs: 1,
      metrics: [{ name: "hidden behind the table", value: 1, unit: "µs" }],
      budgets: [],
      notes: ["a note"],
      tables: [{ title: "side by side", header: ["client", "µs"], rows: [["a|b", "3.0"]] }],
    },
  ],
};

describe("toMarkdown", () => {
  it("renders the run, the budgets, the figures, and the side-by-side tables with their notes", () => {
    const markdown = toMarkdown(report);
    expect(markdown).toContain("`abc1234` (with uncommitted changes)");
    expect(markdown).toContain("| limit | ≤ 1 | 2 | FAIL |");
    expect(markdown).toContain("| one | elapsed | 1,234.5 ms |");
    expect(markdown).toContain("| a\\|b | 3.0 |");
    expect(markdown).not.toContain("hidden behind the table");
    expect(markdown).toContain("- a note");
  });
});

describe("spliceInto", () => {
  it("replaces only what stands between the markers, and refuses a file without them", async () => {
    const directory = await mkdtemp(join(tmpdir(), "bench-markdown-"));
    try {
      const file = join(directory, "BENCHMARKS.md");
      await writeFile(file, `before\n${startMarker}\nold\n${endMarker}\nafter\n`);
      await spliceInto(file, "new\n");
      expect(await readFile(file, "utf8")).toBe(`before\n${startMarker}\n\nnew\n\n${endMarker}\nafter\n`);
      await writeFile(file, "no markers\n");
      await expect(spliceInto(file, "new\n")).rejects.toThrow(/markers/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
