// An organization hierarchy: a company and its departments, then the whole forest as `organizations.tree()`
// builds it from every page of organizations.
//
//   pnpm exec tsx src/organization-hierarchy.ts
import type { CrmClient, Organization, OrganizationNode } from "@engagifii/crm-client";
import { runIfMain } from "./connect.js";
import { idOf } from "./record-id.js";

export interface HierarchyResult {
  parent: Organization;
  children: Organization[];
  tree: OrganizationNode<Organization>[];
}

export async function createHierarchy(
  crm: CrmClient,
  company = "Acme Corporation",
  departments = ["Engineering", "Finance"],
): Promise<HierarchyResult> {
  const parent = await crm.organizations.create({ name: company, type: "Company" });
  const parentId = idOf(parent, "an organization");
  const children: Organization[] = [];
  for (const name of departments) {
    children.push(await crm.organizations.create({ name: `${name} Department`, type: "Department", parentId }));
  }
  return { parent, children, tree: await crm.organizations.tree() };
}

/** The forest as indented lines: `Acme Corporation (Company)`, then `  Engineering Department (Department)`. */
export function formatTree(nodes: OrganizationNode<Organization>[], depth = 0): string[] {
  return nodes.flatMap((node) => [
    `${"  ".repeat(depth)}${node.name} (${node.type})`,
    ...formatTree(node.children, depth + 1),
  ]);
}

runIfMain(import.meta.url, async (crm) => {
  const { tree } = await createHierarchy(crm);
  console.log(formatTree(tree).join("\n"));
});
