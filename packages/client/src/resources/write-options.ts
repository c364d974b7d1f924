/** Options for a create: an idempotency key lets the client retry it without risking a duplicate. */
export interface WriteOptions {
  idempotencyKey?: string;
  signal?: AbortSignal;
}
