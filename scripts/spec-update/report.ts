import type { Level } from "./change.js";
import { headline, sectionsOf } from "./describe-changes.js";
import { SPEC_FILE, type UpdateSpecResult } from "./update-spec.js";

const LEVEL_TEXT: Record<Level, string> = {
  major: "breaking change (major)",
  minor: "non-breaking change (minor)",
  patch: "documentation-only change (patch)",
};

/** 0 no change, 2 a non-breaking change, 3 a breaking one (1, an error, is the CLI's to give). */
export function exitCodeOf(result: UpdateSpecResult): 0 | 2 | 3 {
  if (!result.diff) return 0;
  return result.breaking ? 3 : 2;
}

/** What `pnpm spec:update` prints: a headline, the changes by section, the client's type errors, what was written. */
export function formatReport(result: UpdateSpecResult, dryRun: boolean): string {
  const { pull, diff } = result;
  const source = `${pull.source} (${`${pull.title} ${pull.apiVersion}`.trim()}, ${pull.operationCount} operations)`;
  if (!diff) return `spec:update: no change: ${SPEC_FILE} already matches ${source}\n`;

  const lines = [`spec:update: ${LEVEL_TEXT[diff.level]}: ${headline(diff)}`, `  from ${source}`];
  for (const { title, lines: items } of sectionsOf(diff)) {
    lines.push("", `${title} (${items.length})`, ...items.map((item) => `  ${item}`));
  }
  if (result.droppedHelpers.length > 0) {
    lines.push("", `Resource helpers dropped: their operation is gone (${result.droppedHelpers.length}, breaking)`);
    for (const { resource, method, reference, reason } of result.droppedHelpers)
      lines.push(`  crm.${resource}.${method}() — ${reference}: ${reason}`);
  }
  if (result.droppedModels.length > 0) {
    lines.push("", `Model types dropped: their schema is gone (${result.droppedModels.length}, breaking)`);
    for (const { name, schema, reason } of result.droppedModels) lines.push(`  type ${name} — ${schema}: ${reason}`);
  }
  if (result.unmappedOperations.length > 0) {
    lines.push(
      "",
      `Operations without a resource helper: add them to specs/resources.yaml? (${result.unmappedOperations.length})`,
    );
    for (const operation of result.unmappedOperations) lines.push(`  ${operation}`);
  }
  if (result.typeErrors.length > 0) {
    lines.push("", `Hand-written code that no longer compiles against the new files (${result.typeErrors.length})`);
    for (const error of result.typeErrors) {
      lines.push(`  ${error.file}:${error.line} — ${error.code}: ${error.message}`);
    }
  } else {
    lines.push("", "Every workspace package (sources, tests, examples) type-checks against the new files.");
  }
  if (diff.level !== "major" && result.breaking) {
    lines.push(
      "The spec change itself is not breaking, but the client's helpers or code must change: treated as breaking.",
    );
  }
  lines.push("");
  if (dryRun)
    lines.push(
      `Dry run: nothing written. Would write ${SPEC_FILE}, the generated types and helpers and ${result.changeset?.file}.`,
    );
  else lines.push(`Wrote ${result.written.join(", ")}.`);
  if (result.typeErrors.length > 0 && !dryRun) lines.push("Fix the errors above, then run `pnpm test`.");
  if (result.droppedHelpers.length > 0 || result.droppedModels.length > 0 || result.unmappedOperations.length > 0)
    lines.push(
      "Edit specs/resources.yaml for the helpers, types and operations above, then run `pnpm generate` and `pnpm api:update`.",
    );
  return `${lines.join("\n")}\n`;
}
