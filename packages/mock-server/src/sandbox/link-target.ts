// Which collection a membership collection links to: `/api/Organization/{organizationId}/Person/{personId}`
// links people of `/api/Person`, not the members of `/api/Committee/{committeeId}/Member/{personId}`,
// though both item parameters are `personId`. Only a top-level collection can be a target (its records
// are found by key alone), and the path's own words decide before the parameter's name does.
import type { PathTemplate } from "../document/path-template.js";

export interface LinkCandidate {
  template: PathTemplate;
  /** The name of the parameter that picks one item (`personId`), if the collection has item routes. */
  itemParameter: string | undefined;
}

/** The template of the collection `membership` links to, or undefined when no top-level collection fits. */
export function findLinkTarget(membership: LinkCandidate, candidates: LinkCandidate[]): string | undefined {
  const topLevel = candidates.filter(
    (candidate) => candidate !== membership && candidate.template.parameters.length === 0,
  );
  const rules: Array<(candidate: LinkCandidate) => boolean> = [
    // `/x/{id}/Person` → `/api/Person`; `/x/{id}/people` → `/api/v1/people`
    (candidate) => noun(lastWord(candidate)) === noun(lastWord(membership)),
    // `…/people/{personId}` → the collection whose items are `{personId}` too
    (candidate) => candidate.itemParameter !== undefined && candidate.itemParameter === membership.itemParameter,
    // `…/Members/{personId}` → `/api/Person`
    (candidate) => noun(lastWord(candidate)) === noun((membership.itemParameter ?? "").replace(/_?id$/i, "")),
  ];
  for (const rule of rules) {
    const found = topLevel.find(rule);
    if (found !== undefined) return found.template.template;
  }
  return undefined;
}

function lastWord(collection: LinkCandidate): string {
  const words = collection.template.template.split("/").filter((segment) => segment !== "" && !segment.startsWith("{"));
  return words.at(-1) ?? "";
}

// Case, separators and a plural `s` aside: `Persons`, `person` and `PERSON` name the same thing.
function noun(word: string): string {
  const plain = word.toLowerCase().replace(/[-_]/g, "");
  return plain.length > 1 ? plain.replace(/s$/, "") : plain;
}
