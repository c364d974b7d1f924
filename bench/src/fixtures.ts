/**
 * Response bodies shaped like the spec's `PersonPage` (specs/engagifii-crm.openapi.yaml:
 * `{ data: Person[], totalCount, pageIndex, pageSize }`), so every client parses the same bytes.
 */
export function person(index: number) {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    firstName: "Person",
    lastName: String(index),
    email: `person${index}@example.com`,
    phone: null,
    organizationId: "org-123",
    createdDate: "2024-01-15T10:30:00Z",
    isActive: true,
  };
}

export function peoplePage(pageIndex: number, pageSize: number, totalCount: number) {
  const first = pageIndex * pageSize;
  const count = Math.max(0, Math.min(pageSize, totalCount - first));
  return { data: Array.from({ length: count }, (_, i) => person(first + i)), totalCount, pageIndex, pageSize };
}

/** One page of 10 people (about 2 kB of JSON), what the stubbed fetches answer. */
export const smallPage = peoplePage(0, 10, 1_000);

/** Resolves on the next tick, as a stubbed endpoint answers. */
export function nextTick(): Promise<void> {
  return new Promise((resolve) => process.nextTick(resolve));
}
