import type { ObjectFields } from "../document/schemas.js";
import { idempotencyKey } from "./idempotency-key.js";
import type { InputRow } from "./read-rows.js";
import { checkRow, matchKey } from "./row-values.js";

export interface FieldChange {
  from: unknown;
  to: unknown;
}

/** One write the sync will make; `key` is its Idempotency-Key. */
export type Write =
  | { kind: "create"; key: string; line: number; match: string; body: Record<string, unknown> }
  | { kind: "update"; key: string; line: number; match: string; id: string; changes: Record<string, FieldChange> }
  | { kind: "delete"; key: string; match: string; id: string };

export interface Conflict {
  lines: number[];
  match: string | undefined;
  reason: string;
}

export interface Plan {
  writes: Write[];
  unchanged: { line: number; match: string; id: string }[];
  conflicts: Conflict[];
  /** Records in the API that are not in the file (deleted only with --delete-missing). */
  missing: number;
}

export interface PlanOptions {
  /** The field rows and records are matched on, e.g. `email`. */
  match: string;
  /** The create operation's body fields: what a row may hold. */
  fields: ObjectFields;
  /** Read-only fields of the records (`id`, `createdDate`): skipped, so an export can be synced back. */
  ignoredColumns: ReadonlySet<string>;
  deleteMissing: boolean;
}

/** Compares the file with the API's records. Pure: no I/O, so the plan is easy to test and to print. */
export function buildPlan(
  rows: readonly InputRow[],
  records: readonly Record<string, unknown>[],
  options: PlanOptions,
): Plan {
  const { match } = options;
  const plan: Plan = { writes: [], unchanged: [], conflicts: [], missing: 0 };
  const rowsByKey = groupBy(rows, (row) => matchKey(row.values[match]));
  const recordsByKey = groupBy(records, (record) => matchKey(record[match]));

  for (const [key, group] of rowsByKey) {
    const first = group[0] as InputRow;
    if (key === "") {
      for (const row of group)
        plan.conflicts.push({ lines: [row.line], match: undefined, reason: `${match} is missing` });
      continue;
    }
    if (group.length > 1) {
      const lines = group.map((row) => row.line);
      plan.conflicts.push({ lines, match: key, reason: `duplicate ${match} ${key}` });
      continue;
    }
    const checked = checkRow(first.values, options.fields, options.ignoredColumns);
    if (!checked.ok) {
      plan.conflicts.push({ lines: [first.line], match: key, reason: `invalid: ${checked.problems.join("; ")}` });
      continue;
    }
    const existing = recordsByKey.get(key) ?? [];
    if (existing.length > 1) {
      const ids = existing.map((record) => String(record.id)).join(", ");
      plan.conflicts.push({
        lines: [first.line],
        match: key,
        reason: `${existing.length} records in the API have ${match} ${key} (${ids})`,
      });
      continue;
    }
    const current = existing[0];
    if (!current) {
      plan.writes.push({
        kind: "create",
        key: idempotencyKey("create", key, checked.body),
        line: first.line,
        match: key,
        body: checked.body,
      });
      continue;
    }
    const id = String(current.id);
    const changes = changedFields(checked.body, current, match);
    if (Object.keys(changes).length === 0) plan.unchanged.push({ line: first.line, match: key, id });
    else
      plan.writes.push({
        kind: "update",
        key: idempotencyKey("update", id, changes),
        line: first.line,
        match: key,
        id,
        changes,
      });
  }

  for (const [key, group] of recordsByKey) {
    if (rowsByKey.has(key)) continue;
    plan.missing += group.length;
    if (!options.deleteMissing) continue;
    for (const record of group) {
      const id = String(record.id);
      plan.writes.push({ kind: "delete", key: idempotencyKey("delete", id, {}), match: key, id });
    }
  }
  return plan;
}

/** Fields of the row whose value differs from the record's; the match field compares by matchKey. */
function changedFields(
  body: Record<string, unknown>,
  record: Record<string, unknown>,
  match: string,
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === match ? matchKey(value) === matchKey(record[name]) : sameValue(value, record[name])) continue;
    changes[name] = { from: record[name] ?? null, to: value };
  }
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}
