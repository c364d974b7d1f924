import type { CrmCoreClient } from "../create-core-client.js";
import type { PaginateOptions, Paginator } from "../pagination/paginator.js";
import { buildTree, type OrganizationNode } from "./organization-tree.js";

type TreeItem = { id?: string | null | undefined; parentId?: string | null | undefined };

/** `tree()` for a resource whose `iterate` pages items with an id and a parentId. */
type TreeHelper<Helpers> = Helpers extends {
  iterate: (request?: never, options?: PaginateOptions) => Paginator<infer Item extends TreeItem>;
}
  ? {
      /** Every item, arranged as a forest of parents and children. */
      tree(options?: PaginateOptions): Promise<OrganizationNode<Item>[]>;
    }
  : unknown;

/** What the hand-written extensions add to a generated resource, by the resource's name in the map. */
export type Extended<Name extends string, Helpers> = Name extends "organizations"
  ? Helpers & TreeHelper<Helpers>
  : Helpers;

/**
 * Adds the hand-written methods of a resource to its generated helpers. They follow the map: when the
 * map (or the document) no longer gives organizations an `iterate` of items with parents, there is no `tree()`.
 */
export function extend<Name extends string, Helpers extends object>(
  name: Name,
  _crm: CrmCoreClient,
  helpers: Helpers,
): Extended<Name, Helpers> {
  const iterate = (helpers as { iterate?: unknown }).iterate;
  if (name !== "organizations" || typeof iterate !== "function") return helpers as Extended<Name, Helpers>;
  const page = iterate as (request: undefined, options?: PaginateOptions) => Paginator<TreeItem>;
  return {
    ...helpers,
    tree: async (options?: PaginateOptions) => buildTree(await page(undefined, options).toArray()),
  } as never;
}
