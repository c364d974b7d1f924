import type { CrmClient } from "@engagifii/crm-client";
import { operationList } from "@engagifii/crm-types";

const operations = new Map(operationList.map((operation) => [operation.operationId as string, operation]));

/** The outcome of one operation sent through the validation proxy. */
export interface CheckResult {
  operationId: string;
  /** e.g. `GET /api/v1/people/5b3f…`; empty when the check was skipped. */
  request: string;
  status: number | undefined;
  /** Every way the exchange broke the spec (or failed); empty when it matched. */
  differences: string[];
  /** Why the check did not run, e.g. no item to read. */
  skipped?: string;
}

interface Violation {
  location?: unknown;
  message?: unknown;
}

type Result = { data?: unknown; error?: unknown; response: Response };

const pageSize = 10;

/**
 * The read-only operations, in an order that finds ids to read: list people then get the first,
 * the same for organizations (and their people) and committees (and their members). Never writes.
 * Operations are named by operationId and found in the generated metadata, so a document without
 * one (after a spec swap) skips its check and says so.
 */
export async function runReadOnlyChecks(crm: CrmClient): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const page = { pageIndex: 0, pageSize };
  const skip = (operationId: string, reason: string) =>
    results.push({ operationId, request: "", status: undefined, differences: [], skipped: reason });
  const check = async (operationId: string, path: Record<string, string> = {}, query?: object): Promise<unknown> => {
    const operation = operations.get(operationId);
    if (!operation) {
      skip(operationId, `the document has no ${operationId}`);
      return undefined;
    }
    const get = crm.GET as unknown as (path: string, init: object) => Promise<Result>;
    const { data, error, response } = await get(operation.path, { params: { path, ...(query && { query }) } });
    // Only a 2xx carries a page to take ids from; openapi-fetch leaves `data` undefined otherwise.
    const request = operation.path.replace(/\{(\w+)\}/g, (_whole, name: string) => path[name] ?? name);
    results.push({
      operationId,
      request: `GET ${request}`,
      status: response.status,
      differences: differencesOf(response, error),
    });
    return data;
  };

  const people = await check("listPeople", {}, page);
  const personId = firstId(people);
  if (personId) await check("getPerson", { personId });
  else skip("getPerson", emptyReason("listPeople", people));

  const organizations = await check("listOrganizations", {}, page);
  const organizationId = firstId(organizations);
  if (organizationId) {
    await check("getOrganization", { organizationId });
    await check("listOrganizationPeople", { organizationId }, page);
  } else {
    skip("getOrganization", emptyReason("listOrganizations", organizations));
    skip("listOrganizationPeople", emptyReason("listOrganizations", organizations));
  }

  const committees = await check("listCommittees", {}, page);
  const committeeId = firstId(committees);
  if (committeeId) {
    await check("getCommittee", { committeeId });
    await check("listCommitteeMembers", { committeeId }, page);
  } else {
    skip("getCommittee", emptyReason("listCommittees", committees));
    skip("listCommitteeMembers", emptyReason("listCommittees", committees));
  }
  return results;
}

/** Prism's violations (its `sl-violations` header, or the body of its 422/500), else a non-2xx status. */
export function differencesOf(response: Response, error: unknown): string[] {
  const header = response.headers.get("sl-violations");
  const violations: Violation[] = header ? parseViolations(header) : prismValidation(error);
  const differences = violations.map(describeViolation);
  if (!response.ok && differences.length === 0) {
    const title = isRecord(error) && typeof error.title === "string" ? `: ${error.title}` : "";
    const fromProxy = isPrismError(error) ? "the proxy" : "the API";
    differences.push(`${fromProxy} answered ${response.status}${title}`);
  }
  return differences;
}

function parseViolations(header: string): Violation[] {
  try {
    const parsed: unknown = JSON.parse(header);
    return Array.isArray(parsed) ? parsed : [{ message: header }];
  } catch {
    return [{ message: header }];
  }
}

function prismValidation(error: unknown): Violation[] {
  return isPrismError(error) && Array.isArray(error.validation) ? error.validation : [];
}

function isPrismError(error: unknown): error is Record<string, unknown> {
  return (
    isRecord(error) && typeof error.type === "string" && error.type.startsWith("https://stoplight.io/prism/errors")
  );
}

function describeViolation(violation: Violation): string {
  const location = Array.isArray(violation.location) ? violation.location.join(".") : "";
  const message = typeof violation.message === "string" ? violation.message : JSON.stringify(violation);
  return location ? `${location}: ${message}` : message;
}

function emptyReason(listOperationId: string, page: unknown): string {
  return page === undefined ? `${listOperationId} returned no page` : `${listOperationId} returned no items`;
}

function firstId(page: unknown): string | undefined {
  const first = isRecord(page) && Array.isArray(page.data) ? page.data[0] : undefined;
  return isRecord(first) && typeof first.id === "string" ? first.id : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
