/**
 * buildTree on large and malformed hierarchies. Its cost is checked by counting Map lookups, the
 * operation a quadratic version repeats (walking up every parent chain for every organization):
 * such a version fails here at once with "more than … lookups" instead of blocking for a minute.
 * No test measures time.
 */
import { describe, expect, it } from "vitest";
import { buildTree, type OrganizationNode } from "../src/index.js";

interface Organization {
  id: string;
  parentId: string | null;
}

const org = (id: string, parentId: string | null = null): Organization => ({ id, parentId });

/** Runs `build` while counting Map#get calls; throws as soon as they pass `budget`. */
function withLookupBudget<T>(budget: number, build: () => T): T {
  const get = Map.prototype.get;
  let lookups = 0;
  Map.prototype.get = function countedGet(this: Map<unknown, unknown>, key: unknown) {
    if (++lookups > budget) throw new Error(`more than ${budget} Map lookups: not linear`);
    return get.call(this, key);
  };
  try {
    return build();
  } finally {
    Map.prototype.get = get;
  }
}

/** Every id in the trees, depth first, without recursion. */
function idsOf(roots: OrganizationNode<Organization>[]): string[] {
  const ids: string[] = [];
  const stack = [...roots].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    ids.push(node.id);
    stack.push(...[...node.children].reverse());
  }
  return ids;
}

const size = 20_000;

describe("buildTree", () => {
  it("builds a chain 20,000 deep, listed children first, with a linear number of lookups", () => {
    const chain = Array.from({ length: size }, (_, index) => org(`org-${index}`, index ? `org-${index - 1}` : null));
    const roots = withLookupBudget(10 * size, () => buildTree([...chain].reverse()));
    expect(roots.map((root) => root.id)).toEqual(["org-0"]);
    // Down the chain: each level has exactly one child, the next organization.
    const path: string[] = [];
    for (let node = roots[0]; node; node = node.children[0]) {
      path.push(node.children.length > 1 ? "more than one child" : node.id);
    }
    expect(path).toEqual(chain.map((organization) => organization.id));
  });

  it("builds a tree 20,000 wide, children in the list's order", () => {
    const children = Array.from({ length: size }, (_, index) => org(`child-${index}`, "root"));
    const roots = withLookupBudget(10 * size, () => buildTree([...children, org("root")]));
    expect(roots.map((root) => root.id)).toEqual(["root"]);
    expect(roots[0]?.children.map((child) => child.id)).toEqual(children.map((child) => child.id));
  });

  it("makes every organization of a 20,000-long cycle a root, and loses none", () => {
    const cycle = Array.from({ length: size }, (_, index) => org(`org-${index}`, `org-${(index + 1) % size}`));
    const roots = withLookupBudget(10 * size, () => buildTree(cycle));
    expect(roots).toHaveLength(size);
    expect(roots.every((root) => root.children.length === 0)).toBe(true);
  });

  it("keeps what hangs below a cycle below it, and orphans as roots", () => {
    const roots = buildTree([
      org("a", "b"),
      org("b", "c"),
      org("c", "a"),
      org("d", "a"),
      org("e", "d"),
      org("self", "self"),
      org("orphan", "missing"),
      org("child-of-orphan", "orphan"),
    ]);
    expect(roots.map((root) => root.id)).toEqual(["a", "b", "c", "self", "orphan"]);
    expect(roots[0]?.children.map((child) => child.id)).toEqual(["d"]);
    expect(roots[0]?.children[0]?.children.map((child) => child.id)).toEqual(["e"]);
    expect(idsOf(roots).sort()).toEqual(["a", "b", "c", "child-of-orphan", "d", "e", "orphan", "self"]);
  });

  it("keeps the later of two organizations with the same id, at the first one's place", () => {
    const roots = buildTree([org("x"), org("y"), { id: "x", parentId: "y" }]);
    expect(idsOf(roots)).toEqual(["y", "x"]);
  });
});

describe("organizations without an id (a Swashbuckle document marks none required)", () => {
  it("keeps each as a root, in the list's order, and never as a parent", () => {
    const nameless = [
      { name: "a", parentId: null },
      { id: "b", name: "b", parentId: null },
      { name: "c", parentId: "b" },
      { name: "d", parentId: null },
    ];
    const tree = buildTree(nameless);
    expect(tree.map((node) => node.name)).toEqual(["a", "b", "d"]);
    expect(tree[1]?.children.map((node) => node.name)).toEqual(["c"]);
  });
});
