import { createHash } from "node:crypto";
import type { Level } from "./change.js";
import { headline, type Section, sectionsOf } from "./describe-changes.js";
import type { SpecDiff } from "./diff-spec.js";

/**
 * The packages a spec change releases: the types are generated from the spec, the client is typed by them, and the
 * mock server ships a copy of the spec. They are a `fixed` group in .changeset/config.json, so they move together.
 */
export const SPEC_PACKAGES = ["@engagifii/crm-types", "@engagifii/crm-client", "@engagifii/crm-mock-server"] as const;

/**
 * `.changeset/spec-update-<hash>.md`, named after the new spec's content: running the update again for the same
 * spec rewrites the same file instead of adding a second changeset.
 */
export function changesetFileName(specText: string): string {
  return `spec-update-${createHash("sha256").update(specText).digest("hex").slice(0, 10)}.md`;
}

/** The changeset: front matter with the bump of each package, then a summary for the changelogs. */
export function renderChangeset(
  diff: SpecDiff & { level: Level },
  title: string,
  dropped: { resource: string; method: string; reference: string }[] = [],
  droppedModels: { name: string; schema: string }[] = [],
): string {
  const level: Level = dropped.length > 0 || droppedModels.length > 0 ? "major" : diff.level;
  const frontMatter = SPEC_PACKAGES.map((name) => `"${name}": ${level}`).join("\n");
  const kind = { major: "Breaking", minor: "Additive", patch: "Documentation-only" }[level];
  const sections = sectionsOf(diff);
  if (dropped.length > 0)
    sections.push({
      title: "Resource helpers removed (breaking)",
      lines: dropped.map(({ resource, method, reference }) => `crm.${resource}.${method}() (${reference})`),
    });
  if (droppedModels.length > 0)
    sections.push({
      title: "Model types removed (breaking)",
      lines: droppedModels.map(({ name, schema }) => `type ${name} (schema ${schema})`),
    });
  const body = sections.map(renderSection).join("\n\n");
  return `---\n${frontMatter}\n---\n\n${kind} update of the ${title} spec (${headline(diff)}).\n\n${body}\n`;
}

function renderSection({ title, lines }: Section): string {
  return `**${title}**\n\n${lines.map((line) => `- ${escapeMarkdown(line)}`).join("\n")}`;
}

// Paths like /api/v1/people/{personId} and names with underscores would otherwise render as emphasis.
function escapeMarkdown(line: string): string {
  return line.replace(/([*_<>])/g, "\\$1");
}
