/** A path template of the document, e.g. `/api/v1/people/{personId}`, and how to match a concrete path. */
export interface PathTemplate {
  template: string;
  /** The parameter names in order, e.g. `["personId"]`. */
  parameters: string[];
  /** The parameter values of a concrete path, or undefined when it does not match. */
  match(path: string): Record<string, string> | undefined;
}

export function pathTemplate(template: string): PathTemplate {
  const parameters = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? "");
  const source = template
    .split(/\{[^}]+\}/)
    .map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("([^/]+)");
  // ASP.NET routes are case-insensitive, and the live document mixes cases; so do we.
  const pattern = new RegExp(`^${source}/?$`, "i");
  return {
    template,
    parameters,
    match(path) {
      const found = pattern.exec(path);
      if (found === null) return undefined;
      return Object.fromEntries(parameters.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? "")]));
    },
  };
}

/** Sorts templates so that the most literal ones are tried first (`/people/search` before `/people/{id}`). */
export function mostLiteralFirst<T extends { template: PathTemplate }>(items: T[]): T[] {
  return [...items].sort((left, right) => left.template.parameters.length - right.template.parameters.length);
}

/** The template one segment up, e.g. `/x/{id}/y` → `/x/{id}`. */
export function parentTemplate(template: string): string {
  return template.slice(0, template.lastIndexOf("/"));
}

export function isParameterSegment(segment: string | undefined): boolean {
  return segment !== undefined && /^\{[^}]+\}$/.test(segment);
}
