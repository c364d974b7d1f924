// Idempotent contact sync: make the CRM match a local list, keyed by email. Running it twice changes nothing the
// second time, and a create that is retried (by the client, or by you after a crash) cannot make a duplicate,
// because its idempotency key is derived from the email.
//
//   pnpm exec tsx src/sync-contacts.ts [contacts.json]    (a JSON array of { firstName, lastName, email, phone? })
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { CrmClient, Person, PersonUpdate } from "@engagifii/crm-client";
import { runIfMain } from "./connect.js";
import { idOf } from "./record-id.js";

export interface Contact {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string | null;
}

export interface SyncReport {
  created: Person[];
  updated: Person[];
  unchanged: Person[];
}

export const SAMPLE_CONTACTS: Contact[] = [
  { firstName: "John", lastName: "Doe", email: "john.doe@example.com", phone: "+1-555-123-4567" },
  { firstName: "Jane", lastName: "Smith", email: "Jane.Smith.Updated@example.com", phone: "+1-555-000-1111" },
  { firstName: "Ada", lastName: "Lovelace", email: "ada.lovelace@example.com" },
];

/** Creates the contacts the CRM lacks and updates the ones that differ; matches by email, ignoring case. */
export async function syncContacts(crm: CrmClient, contacts: Contact[]): Promise<SyncReport> {
  const byEmail = new Map<string, Person>();
  // One pass over every person, page by page; a tenant with many people costs one request per page.
  for await (const person of crm.people.iterate(undefined, { pageSize: 200 }))
    if (person.email) byEmail.set(person.email.toLowerCase(), person);

  const report: SyncReport = { created: [], updated: [], unchanged: [] };
  for (const contact of contacts) {
    const existing = byEmail.get(contact.email.toLowerCase());
    if (!existing) {
      const created = await crm.people.create(contact, { idempotencyKey: idempotencyKey(contact.email) });
      report.created.push(created);
      continue;
    }
    const changes = changesFor(existing, contact);
    if (changes) report.updated.push(await crm.people.update(idOf(existing, "a person"), changes));
    else report.unchanged.push(existing);
  }
  return report;
}

/** The fields of `contact` that differ from `person`, or undefined when none do. Email case is not a change. */
function changesFor(person: Person, contact: Contact): PersonUpdate | undefined {
  const changes: PersonUpdate = {};
  if (person.firstName !== contact.firstName) changes.firstName = contact.firstName;
  if (person.lastName !== contact.lastName) changes.lastName = contact.lastName;
  if (contact.phone !== undefined && (person.phone ?? null) !== contact.phone) changes.phone = contact.phone;
  return Object.keys(changes).length > 0 ? changes : undefined;
}

/** The same contact always gets the same key, so the API can recognise a repeated create. */
function idempotencyKey(email: string): string {
  return `sync-contacts-${createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 32)}`;
}

runIfMain(import.meta.url, async (crm, [file]) => {
  const contacts = file ? (JSON.parse(await readFile(file, "utf8")) as Contact[]) : SAMPLE_CONTACTS;
  const { created, updated, unchanged } = await syncContacts(crm, contacts);
  console.log(`created ${created.length}, updated ${updated.length}, unchanged ${unchanged.length}`);
});
