import { type Policy, withHeaders } from "./pipeline.js";

export const correlationHeader = "x-correlation-id";

/** Sends the caller's X-Correlation-ID, or a new uuid, the same on every attempt. */
export const correlationIdPolicy: Policy = (request, next) => {
  const existing = request.headers.get(correlationHeader);
  if (existing) {
    request.trace.correlationId = existing;
    return next(request);
  }
  const id = randomUuid();
  request.trace.correlationId = id;
  return next(withHeaders(request, (headers) => headers.set(correlationHeader, id)));
};

/** A new uuid for X-Correlation-ID. */
export function randomUuid(): string {
  const webCrypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (webCrypto?.randomUUID) return webCrypto.randomUUID();
  // Runtimes without Web Crypto (Node 18 without the global): fine for tracing, never used as a secret.
  return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (digit) =>
    (Number(digit) ^ ((Math.random() * 16) >> (Number(digit) / 4))).toString(16),
  );
}
