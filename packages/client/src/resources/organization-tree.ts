/** An organization with its children, as `organizations.tree()` returns it. */
export type OrganizationNode<T> = T & { children: OrganizationNode<T>[] };

interface Linked {
  id: string;
  parentId?: string | null;
}

/**
 * Arranges a flat list into parent/child trees, in time linear in the number of organizations and
 * without recursion (a chain 20,000 deep is fine). An organization whose parent is not in the list
 * becomes a root, and so does every organization on a cycle of parentIds, so that nothing is
 * dropped and nothing loops; what hangs below a cycle stays below it. Roots and children keep the
 * list's order; of two organizations with the same id, the later one is kept.
 */
export function buildTree<T extends Linked>(organizations: T[]): OrganizationNode<T>[] {
  const nodes = new Map<string, OrganizationNode<T>>();
  for (const organization of organizations) nodes.set(organization.id, { ...organization, children: [] });
  const onCycle = nodesOnCycles(nodes);
  const roots: OrganizationNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent && !onCycle.has(node)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/**
 * The nodes from which following parentIds comes back to the node itself. Each node is walked
 * through once: a walk stops at a node an earlier walk has seen, and when it stops at a node of
 * its own, the part of the walk from that node on is a cycle.
 */
function nodesOnCycles<N extends Linked>(nodes: Map<string, N>): Set<N> {
  const walkOf = new Map<N, number>();
  const onCycle = new Set<N>();
  let walk = 0;
  for (const start of nodes.values()) {
    if (walkOf.has(start)) continue;
    walk++;
    const path: N[] = [];
    let current: N | undefined = start;
    while (current && !walkOf.has(current)) {
      walkOf.set(current, walk);
      path.push(current);
      current = current.parentId ? nodes.get(current.parentId) : undefined;
    }
    if (current && walkOf.get(current) === walk) {
      for (const node of path.slice(path.indexOf(current))) onCycle.add(node);
    }
  }
  return onCycle;
}
