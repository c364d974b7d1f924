// Committees: create one, add members with their positions and terms, then list the members page by page.
//
//   pnpm exec tsx src/committees.ts
import type { Committee, CommitteeMember, CommitteeMemberCreate, CrmClient } from "@engagifii/crm-client";
import { runIfMain } from "./connect.js";
import { idOf } from "./record-id.js";

export interface CommitteeResult {
  committee: Committee;
  added: CommitteeMember[];
  members: CommitteeMember[];
}

export async function setUpCommittee(
  crm: CrmClient,
  name: string,
  members: CommitteeMemberCreate[],
): Promise<CommitteeResult> {
  const committee = await crm.committees.create({ name, description: `${name}, created by the committees example` });
  const committeeId = idOf(committee, "a committee");
  const added: CommitteeMember[] = [];
  for (const member of members) {
    // The key makes a retried add safe: the same committee, person and start date are one membership.
    const idempotencyKey = `committee-member-${committeeId}-${member.personId}-${member.startDate}`;
    added.push(await crm.committees.addMember(committeeId, member, { idempotencyKey }));
  }
  const listed = await crm.committees.members(committeeId).toArray();
  return { committee, added, members: listed };
}

runIfMain(import.meta.url, async (crm) => {
  // Two people from the directory become the chair and the treasurer.
  const [chair, treasurer] = await crm.people.iterate().toArray({ max: 2 });
  if (!chair || !treasurer) throw new Error("the committees example needs at least two people in the CRM");
  const { committee, members } = await setUpCommittee(crm, "Finance Committee", [
    { personId: idOf(chair, "a person"), position: "Chair", startDate: "2025-01-01" },
    { personId: idOf(treasurer, "a person"), position: "Treasurer", startDate: "2025-01-01", endDate: "2026-12-31" },
  ]);
  console.log(`${committee.name} (${committee.id})`);
  for (const member of members) {
    console.log(
      `  ${member.position}: ${member.personId} from ${member.startDate} to ${member.endDate ?? "open-ended"}`,
    );
  }
});
