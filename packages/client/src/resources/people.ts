import type { CrmCoreClient } from "../create-core-client.js";
import { crud } from "./crud.js";

/** People: the guide's contact-sync workflow. Every method throws a CrmApiError on failure. */
export function createPeople(crm: CrmCoreClient) {
  return crud(crm, "/api/v1/people", "/api/v1/people/{personId}", "personId");
}
