/** An organization with its children, as `organizations.tree()` returns it. */
export type OrganizationNode<T> = T & { children: OrganizationNode<T>[] };

/**
 * Arranges a flat list into parent/child trees. An organization whose parent is not in the list
 * becomes a root, and a cycle in parentIds is broken at the first organization met, so that
 * nothing is dropped and nothing loops.
 */
export function buildTree<T extends { id: string; parentId?: string | null }>(
  organizations: T[],
): OrganizationNode<T>[] {
  const nodes = new Map<string, OrganizationNode<T>>();
  for (const organization of organizations) nodes.set(organization.id, { ...organization, children: [] });
  const roots: OrganizationNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent && !isAncestor(node, parent, nodes)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function isAncestor<T extends { id: string; parentId?: string | null }>(
  node: T,
  candidate: T,
  nodes: Map<string, T>,
): boolean {
  const visited = new Set<string>();
  for (
    let current: T | undefined = candidate;
    current;
    current = current.parentId ? nodes.get(current.parentId) : undefined
  ) {
    if (current.id === node.id) return true;
    if (visited.has(current.id)) return false;
    visited.add(current.id);
  }
  return false;
}
