import { describe, expect, it } from "vitest";
import { BodyTooLarge, readBounded } from "../../src/transport/read-body.js";

function chunked(sizes: number[]): { response: Response; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = sizes[pulled++];
      if (size === undefined) controller.close();
      else controller.enqueue(new Uint8Array(size));
    },
  });
  return { response: new Response(body), pulled: () => pulled };
}

describe("readBounded", () => {
  it("reads a body within the limit whole", async () => {
    const { response } = chunked([3, 4, 5]);
    expect((await readBounded(response, 12)).byteLength).toBe(12);
  });

  it("stops reading as soon as the count passes the limit", async () => {
    const { response, pulled } = chunked([4, 4, 4, 4, 4, 4, 4, 4]);
    await expect(readBounded(response, 10)).rejects.toBeInstanceOf(BodyTooLarge);
    expect(pulled()).toBeLessThanOrEqual(4);
  });

  it("refuses at once a body whose declared (unencoded) length is past the limit", async () => {
    const response = new Response("x".repeat(100), { headers: { "content-length": "100" } });
    await expect(readBounded(response, 10)).rejects.toBeInstanceOf(BodyTooLarge);
  });
});
