// The guide's integration patterns, one step each, through the SDK. Each step prints notes;
// main.ts prints the HTTP exchanges around them.
import { randomUUID } from "node:crypto";
import type { CrmClient, TokenRefreshEvent } from "@engagifii/crm-client";
import { idOf } from "../record-id.js";
import type { DemoMode } from "./mode.js";
import { createProgress } from "./progress.js";
import type { Output, Report } from "./report.js";
import { label } from "./summarize.js";

export interface StepContext {
  crm: CrmClient;
  mode: DemoMode;
  report: Report;
  out: Output;
  /** Token refreshes seen through `hooks.onTokenRefresh`; they never carry the token. */
  tokenEvents: TokenRefreshEvent[];
  /** Ids that later steps build on. */
  state: { personId?: string };
  /** Print at most this many more exchanges in the current step; the rest are only counted. */
  limitExchanges(count: number): void;
  /** What to delete afterwards, for records this run created in a live tenant. */
  cleanup: { what: string; undo(): Promise<void> }[];
}

export interface DemoStep {
  /** Short name used in the failure line: `demo: <key>: …`. */
  key: string;
  title: string;
  /** `all`: skipped without --write against a live API; `some`: runs its read-only part. */
  writes: "none" | "some" | "all";
  run(context: StepContext): Promise<void>;
}

const today = () => new Date().toISOString().slice(0, 10);

export const steps: DemoStep[] = [
  {
    key: "token",
    title: "Get an access token (OAuth2 client credentials)",
    writes: "none",
    async run({ crm, report, tokenEvents }) {
      // There is no "log in" call: the client fetches a token before its first request, caches it
      // and renews it before it expires. A one-item page (to count people) is the cheapest first request.
      await crm.people.iterate(undefined, { pageSize: 1 }).total();
      const event = tokenEvents[0];
      if (!event) throw new Error("the first request did not fetch a token");
      report.note(
        `token fetched (${event.reason}); valid ${event.expiresInSeconds} s, scope "${event.scope ?? "(none)"}"; the client renews it before expiry`,
      );
      report.note("the token itself is never printed; it is sent only to the API's origin");
    },
  },
  {
    key: "list-people",
    title: "Count people, then list them page by page",
    writes: "none",
    async run({ crm, report }) {
      // The paginator fills in the page fields of whatever shape the operation pages in.
      const people = crm.people.iterate(undefined, { pageSize: 50, maxPages: 5 });
      report.note(`people.iterate().total(): ${(await people.total()) ?? "no total reported"} people`);
      let pages = 0;
      let count = 0;
      for await (const items of people.pages()) {
        pages++;
        count += items.length;
      }
      report.note(
        `people.iterate: ${count} people in ${pages} ${pages === 1 ? "page" : "pages"} (it stops at totalCount)`,
      );
    },
  },
  {
    key: "create-person",
    title: "Create a person, then update them",
    writes: "all",
    async run({ crm, report, state, cleanup }) {
      const person = await crm.people.create(
        { firstName: "Jane", lastName: "Smith", email: "jane.smith@example.com", phone: "+1-555-987-6543" },
        // The same key on a retry lets the server drop a duplicate, so a create is safe to retry.
        { idempotencyKey: randomUUID() },
      );
      const personId = idOf(person, "the new person");
      cleanup.push({ what: `person ${personId}`, undo: () => crm.people.delete(personId) });
      state.personId = personId;
      const updated = await crm.people.update(personId, { email: "jane.smith.updated@example.com" });
      report.note(`created ${label(person)}; email now ${updated.email}`);
    },
  },
  {
    key: "add-to-organization",
    title: "Add the person to an organization",
    writes: "all",
    async run({ crm, report, state, cleanup }) {
      const personId = requireState(state.personId, "a person from the create step");
      const [organization] = await crm.organizations.iterate(undefined, { pageSize: 1 }).toArray({ max: 1 });
      if (!organization) throw new Error("the tenant has no organization to add the person to");
      const organizationId = idOf(organization, "an organization");
      await crm.organizations.addPerson(organizationId, personId);
      cleanup.push({
        what: `membership of ${organizationId}`,
        undo: () => crm.organizations.removePerson(organizationId, personId),
      });
      const members = await crm.organizations.people(organizationId).toArray({ max: 50 });
      report.note(
        `${organization.name} now lists ${members.length} ${members.length === 1 ? "person" : "people"}; adding again is a no-op (204)`,
      );
    },
  },
  {
    key: "organization-hierarchy",
    title: "Build an organization hierarchy",
    writes: "some",
    async run({ crm, mode, report, cleanup }) {
      const parentId = mode.write ? await createBranch(crm, cleanup) : undefined;
      if (!mode.write) report.skipped("creating a parent and a child organization (pass --write)");
      const tree = await crm.organizations.tree();
      // The branch built above first: in a tenant with many organizations it would fall past the lines shown.
      const built = tree.filter((node) => node.id === parentId);
      report.note(built.length > 0 ? "organizations.tree(), the branch built above first:" : "organizations.tree():");
      report.tree([...built, ...tree.filter((node) => !built.includes(node))]);
    },
  },
  {
    key: "committee",
    title: "Create a committee with a member",
    writes: "all",
    async run({ crm, report, state, cleanup }) {
      const personId = requireState(state.personId, "a person from the create step");
      const committee = await crm.committees.create(
        { name: "Board of Directors", description: "Executive oversight committee", isActive: true },
        { idempotencyKey: randomUUID() },
      );
      const committeeId = idOf(committee, "the new committee");
      cleanup.push({ what: `committee ${committeeId}`, undo: () => crm.committees.delete(committeeId) });
      const member = await crm.committees.addMember(
        committeeId,
        { personId, position: "Chairman", startDate: today() },
        { idempotencyKey: randomUUID() },
      );
      report.note(
        `${committee.name}: ${member.position} ${member.personId} since ${member.startDate}${member.endDate ? ` until ${member.endDate}` : ", open-ended"}`,
      );
    },
  },
  {
    key: "bulk-fetch",
    title: "Fetch everyone in bulk, several pages at a time",
    writes: "none",
    async run({ crm, report, out, limitExchanges }) {
      const maxPages = 25;
      const paginator = crm.people.iterate(undefined, { pageSize: 200, concurrency: 4, maxPages });
      // A one-item page is enough to learn the total, so the progress bar has an end.
      const totalCount = (await paginator.total()) ?? 0;
      limitExchanges(1);
      const progress = createProgress(out, totalCount, "people");
      let items = 0;
      let pages = 0;
      for await (const page of paginator.pages()) {
        items += page.length;
        pages++;
        progress.update(items, pages);
      }
      progress.finish(items, pages);
      if (pages === maxPages && items < totalCount)
        report.note(`stopped after ${maxPages} pages; raise maxPages to fetch all ${totalCount}`);
      report.note(
        "concurrency 4: later pages are fetched in parallel once the total is known, still in order and rate-limited",
      );
    },
  },
];

/** A company and one department under it; returns the company's id. */
async function createBranch(crm: CrmClient, cleanup: StepContext["cleanup"]): Promise<string> {
  const parent = await crm.organizations.create({ name: "Acme Corporation", type: "Company", parentId: null });
  const parentId = idOf(parent, "an organization");
  cleanup.push({ what: `organization ${parentId}`, undo: () => crm.organizations.delete(parentId) });
  const child = await crm.organizations.create({ name: "Engineering Department", type: "Department", parentId });
  const childId = idOf(child, "an organization");
  cleanup.push({ what: `organization ${childId}`, undo: () => crm.organizations.delete(childId) });
  return parentId;
}

function requireState(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`this step needs ${what}`);
  return value;
}

// The command line last: the same API without writing code (examples/src/demo/cli-step.ts).
import { cliStep } from "./cli-step.js";

steps.push(cliStep);
