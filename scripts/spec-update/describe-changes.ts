import type { Change, Level } from "./change.js";
import type { OperationRef, SpecDiff } from "./diff-spec.js";

/** A heading and its lines: shared by the terminal summary and the changeset. */
export interface Section {
  title: string;
  lines: string[];
}

const MARK: Record<Level, string> = { major: "breaking", minor: "addition", patch: "docs" };

/** `DELETE /api/v1/people/{personId} (deletePerson)`. */
export function operationName({ key, operationId }: OperationRef): string {
  return operationId ? `${key} (${operationId})` : key;
}

/** One line per change; documentation-only changes in a group fold into one line. */
export function describeChanges(changes: Change[]): string[] {
  const lines = changes
    .filter(({ docs }) => docs === undefined)
    .map(({ level, message }) => `[${MARK[level]}] ${message}`);
  const docs = [...new Set(changes.flatMap(({ docs }) => (docs === undefined ? [] : [docs])))];
  if (docs.length > 0) lines.push(`[docs] ${docs.join(", ")} changed`);
  return lines;
}

/** The diff as sections: added, removed and changed operations, schemas, and the rest of the document. */
export function sectionsOf(diff: SpecDiff): Section[] {
  const sections: Section[] = [];
  if (diff.added.length > 0) sections.push({ title: "Operations added", lines: diff.added.map(operationName) });
  if (diff.removed.length > 0) sections.push({ title: "Operations removed", lines: diff.removed.map(operationName) });
  if (diff.changed.length > 0) {
    sections.push({
      title: "Operations changed",
      lines: diff.changed.map(
        (operation) => `${operationName(operation)}: ${describeChanges(operation.changes).join("; ")}`,
      ),
    });
  }
  if (diff.schemas.length > 0) {
    sections.push({
      title: "Schemas",
      lines: diff.schemas.map(
        ({ label, changes }) => `${label.replace(/^schema /, "")}: ${describeChanges(changes).join("; ")}`,
      ),
    });
  }
  if (diff.document.length > 0) sections.push({ title: "Document", lines: describeChanges(diff.document) });
  return sections;
}

/** `operations: 3 added, 1 removed, 2 changed`. */
export function headline(diff: SpecDiff): string {
  const parts = [
    [diff.added.length, "added"],
    [diff.removed.length, "removed"],
    [diff.changed.length, "changed"],
  ].flatMap(([n, what]) => (n ? [`${n} ${what}`] : []));
  return parts.length > 0 ? `operations: ${parts.join(", ")}` : "no operation added, removed or changed";
}
