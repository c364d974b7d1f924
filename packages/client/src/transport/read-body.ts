/** A body over the size limit; the attempt turns it into an InvalidResponseError. */
export class BodyTooLarge extends Error {
  override name = "BodyTooLarge";
  constructor(readonly limit: number) {
    super(`the body is larger than maxResponseBytes (${limit} bytes)`);
  }
}

/**
 * Reads the whole body, counting decoded bytes (fetch has already undone any gzip), and stops
 * as soon as they pass `limit`, so that a small compressed bomb cannot fill the memory.
 */
export async function readBounded(response: Response, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get("content-length"));
  if (!response.headers.has("content-encoding") && declared > limit) {
    await response.body?.cancel();
    throw new BodyTooLarge(limit);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new BodyTooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
