import { describe, expect, it } from "vitest";
import { findOperation } from "../src/document/operations.js";
import { listItemSchema, objectFields, requestBodySchema } from "../src/document/schemas.js";
import { buildPlan, type PlanOptions } from "../src/sync/plan.js";
import { guideDocument as document } from "./guide-document.js";

const fields = objectFields(document, requestBodySchema(document, findOperation(document, "createPerson")));
const itemFields = objectFields(document, listItemSchema(document, findOperation(document, "listPeople")));
const options: PlanOptions = {
  match: "email",
  fields,
  ignoredColumns: new Set(itemFields.names.filter((name) => !fields.types.has(name))),
  deleteMissing: false,
};
const ada = {
  id: "p-1",
  firstName: "Ada",
  lastName: "Lovelace",
  email: "ada@example.com",
  phone: null,
  isActive: true,
};
const row = (line: number, values: Record<string, unknown>) => ({ line, values });

describe("buildPlan", () => {
  it("sorts rows into create, update (with the changed fields), unchanged and conflicts", () => {
    const plan = buildPlan(
      [
        row(2, {
          firstName: "Ada",
          lastName: "Lovelace",
          email: "ADA@example.com ",
          phone: "+1-555",
          isActive: "false",
        }),
        row(3, { firstName: "Jane", lastName: "Smith", email: "jane@example.com", phone: "" }),
        row(4, { firstName: "Bob", lastName: "A", email: "bob@example.com" }),
        row(5, { firstName: "Bob", lastName: "B", email: "bob@example.com" }),
        row(6, { firstName: "Eve", email: "eve@example", nickname: "e" }),
      ],
      [ada],
      options,
    );
    expect(plan.writes).toEqual([
      expect.objectContaining({
        kind: "update",
        id: "p-1",
        line: 2,
        changes: { phone: { from: null, to: "+1-555" }, isActive: { from: true, to: false } },
      }),
      expect.objectContaining({
        kind: "create",
        line: 3,
        body: { firstName: "Jane", lastName: "Smith", email: "jane@example.com", phone: null },
      }),
    ]);
    expect(plan.conflicts).toEqual([
      { lines: [4, 5], match: "bob@example.com", reason: "duplicate email bob@example.com" },
      {
        lines: [6],
        match: "eve@example",
        reason:
          'invalid: email "eve@example" is not an email address; "nickname" is not a field ' +
          "(fields: firstName, lastName, email, phone, organizationId, isActive); lastName is missing",
      },
    ]);
  });

  it("leaves equal rows alone, skips read-only columns, and deletes the missing only when asked", () => {
    const exported = { ...ada, createdDate: "2024-01-01T00:00:00Z" };
    const others = [{ id: "p-2", firstName: "Alan", lastName: "Turing", email: "alan@example.com" }];
    const keep = buildPlan([row(2, exported)], [ada, ...others], options);
    expect(keep).toMatchObject({ writes: [], unchanged: [{ id: "p-1" }], conflicts: [], missing: 1 });
    const remove = buildPlan([row(2, exported)], [ada, ...others], { ...options, deleteMissing: true });
    expect(remove.writes).toEqual([expect.objectContaining({ kind: "delete", id: "p-2" })]);
  });

  it("refuses to pick between two records with the same email", () => {
    const plan = buildPlan(
      [row(2, { firstName: "Ada", lastName: "L", email: "ada@example.com" })],
      [ada, { ...ada, id: "p-9" }],
      options,
    );
    expect(plan.conflicts[0]?.reason).toBe("2 records in the API have email ada@example.com (p-1, p-9)");
    expect(plan.writes).toEqual([]);
  });

  it("derives the same idempotency key for the same write, and another for another write", () => {
    const file = [row(2, { firstName: "Jane", lastName: "Smith", email: "jane@example.com" })];
    const first = buildPlan(file, [], options).writes[0]?.key;
    expect(buildPlan(file, [ada], options).writes[0]?.key).toBe(first);
    const changed = [row(2, { firstName: "Janet", lastName: "Smith", email: "jane@example.com" })];
    expect(buildPlan(changed, [], options).writes[0]?.key).not.toBe(first);
    expect(first).toMatch(/^engagifii-sync-[0-9a-f]{40}$/);
  });
});
