import type { CrmClient } from "@engagifii/crm-client";

/** One test of operations.test.ts: a call of one operation of the document through the real client. */
export interface ContractCase {
  /** The test's name: the operationId, and for a hand-written case ` (hand-written)` after it. */
  name: string;
  operationId: string;
  /** Why the case cannot exercise its operation on this document; empty when it can. */
  problems: string[];
  /**
   * Calls the operation once through `crm`, a client that holds no token yet (a paged operation: one
   * `crm.paginate` run to the end). `setup` is another client, for the records the call needs first.
   */
  call(crm: CrmClient, setup: CrmClient): Promise<unknown>;
}
