// The guide's integration patterns, one step each, through the SDK. Each step prints notes;
// main.ts prints the HTTP exchanges around them.
import { randomUUID } from "node:crypto";
import type { CrmClient, TokenRefreshEvent } from "@engagifii/crm-client";
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
      // and renews it before it expires. A one-item page is the cheapest first request.
      await crm.people.list({ pageIndex: 0, pageSize: 1 });
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
    title: "List people, one page and then every page",
    writes: "none",
    async run({ crm, report }) {
      const page = await crm.people.list({ pageIndex: 0, pageSize: 50 });
      report.note(`people.list: page ${page.pageIndex} holds ${page.data.length} of ${page.totalCount} people`);
      let pages = 0;
      let people = 0;
      for await (const items of crm.people.iterate({ pageSize: 50 }, { maxPages: 5 }).pages()) {
        pages++;
        people += items.length;
      }
      report.note(
        `people.iterate: ${people} people in ${pages} ${pages === 1 ? "page" : "pages"} (it stops at totalCount)`,
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
      cleanup.push({ what: `person ${person.id}`, undo: () => crm.people.delete(person.id) });
      state.personId = person.id;
      const updated = await crm.people.update(person.id, { email: "jane.smith.updated@example.com" });
      report.note(`created ${label(person)}; email now ${updated.email}`);
    },
  },
  {
    key: "add-to-organization",
    title: "Add the person to an organization",
    writes: "all",
    async run({ crm, report, state, cleanup }) {
      const personId = requireState(state.personId, "a person from the create step");
      const [organization] = (await crm.organizations.list({ pageIndex: 0, pageSize: 1 })).data;
      if (!organization) throw new Error("the tenant has no organization to add the person to");
      await crm.organizations.addPerson(organization.id, personId);
      cleanup.push({
        what: `membership of ${organization.id}`,
        undo: () => crm.organizations.removePerson(organization.id, personId),
      });
      const members = await crm.organizations.people(organization.id).toArray({ max: 50 });
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
      if (mode.write) {
        const parent = await crm.organizations.create({ name: "Acme Corporation", type: "Company", parentId: null });
        cleanup.push({ what: `organization ${parent.id}`, undo: () => crm.organizations.delete(parent.id) });
        const child = await crm.organizations.create({
          name: "Engineering Department",
          type: "Department",
          parentId: parent.id,
        });
        cleanup.push({ what: `organization ${child.id}`, undo: () => crm.organizations.delete(child.id) });
      } else {
        report.skipped("creating a parent and a child organization (pass --write)");
      }
      const tree = await crm.organizations.tree();
      report.note("organizations.tree():");
      report.tree(tree);
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
      cleanup.push({ what: `committee ${committee.id}`, undo: () => crm.committees.delete(committee.id) });
      const member = await crm.committees.addMember(
        committee.id,
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
      // A one-item page is enough to learn the total, so the progress bar has an end.
      const { totalCount } = await crm.people.list({ pageIndex: 0, pageSize: 1 });
      limitExchanges(1);
      const maxPages = 25;
      const progress = createProgress(out, totalCount, "people");
      let items = 0;
      let pages = 0;
      const paginator = crm.people.iterate({ pageSize: 200 }, { concurrency: 4, maxPages });
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

function requireState(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`this step needs ${what}`);
  return value;
}

// The command line last: the same API without writing code (examples/src/demo/cli-step.ts).
import { cliStep } from "./cli-step.js";

steps.push(cliStep);
