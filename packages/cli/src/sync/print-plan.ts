import type { Plan, Write } from "./plan.js";

const shownPerKind = 20;

/** The plan as lines: counts first, then each write and every conflict (conflicts are never cut). */
export function formatPlan(
  plan: Plan,
  context: { file: string; match: string; records: number; resource: string; deleteMissing: boolean },
): string[] {
  const count = (kind: Write["kind"]) => plan.writes.filter((write) => write.kind === kind).length;
  const lines = [
    `plan for ${context.file} (matched on ${context.match} against ${context.records} ${context.resource} in the API):`,
    `  create     ${count("create")}`,
    `  update     ${count("update")}`,
    `  unchanged  ${plan.unchanged.length}`,
    `  delete     ${count("delete")}${!context.deleteMissing && plan.missing > 0 ? `  (${plan.missing} not in the file are kept; --delete-missing deletes them)` : ""}`,
    `  conflict   ${plan.conflicts.length}`,
  ];
  for (const kind of ["create", "update", "delete"] as const) {
    const writes = plan.writes.filter((write) => write.kind === kind);
    if (writes.length > 0) lines.push("");
    for (const write of writes.slice(0, shownPerKind)) lines.push(describeWrite(write));
    if (writes.length > shownPerKind) lines.push(`  … and ${writes.length - shownPerKind} more to ${kind}`);
  }
  if (plan.conflicts.length > 0) lines.push("");
  for (const conflict of plan.conflicts) {
    const where = `line${conflict.lines.length > 1 ? "s" : ""} ${conflict.lines.join(", ")}`;
    lines.push(`! conflict  ${where}: ${conflict.reason}`);
  }
  return lines;
}

function describeWrite(write: Write): string {
  switch (write.kind) {
    case "create":
      return `+ create    line ${write.line}  ${write.match}`;
    case "update": {
      const changes = Object.entries(write.changes)
        .map(([name, change]) => `${name}: ${JSON.stringify(change.from)} → ${JSON.stringify(change.to)}`)
        .join(", ");
      return `~ update    line ${write.line}  ${write.match}  ${changes}`;
    }
    case "delete":
      return `- delete    ${write.match} (${write.id})`;
  }
}
