export const correlationHeader = "x-correlation-id";

/** Returns the request's X-Correlation-ID, adding a new uuid when the caller did not set one. */
export function applyCorrelationId(headers: Headers): string {
  const existing = headers.get(correlationHeader);
  if (existing) return existing;
  const id = randomUuid();
  headers.set(correlationHeader, id);
  return id;
}

function randomUuid(): string {
  const webCrypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (webCrypto?.randomUUID) return webCrypto.randomUUID();
  // Runtimes without Web Crypto (Node 18 without the global): fine for tracing, never used as a secret.
  return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (digit) =>
    (Number(digit) ^ ((Math.random() * 16) >> (Number(digit) / 4))).toString(16),
  );
}
