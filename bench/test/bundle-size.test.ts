import { describe, expect, it } from "vitest";
import { entries, measureBundle, sizeBudgetBytes } from "../src/bundle-size.js";

// The client's ESM entry, minified for the browser with openapi-fetch external. Needs
// packages/client/dist, which turbo builds before `test`.
describe("bundle size", () => {
  it(`keeps the full entry within the ${sizeBudgetBytes / 1000} kB min+gzip budget`, async () => {
    const { gzipBytes } = await measureBundle(entries.full);
    expect(gzipBytes, `dist/index.js is ${gzipBytes} bytes min+gzip`).toBeLessThanOrEqual(sizeBudgetBytes);
  });

  it("drops the resource helpers from a bundle that imports only unwrap, Paginator and errors", async () => {
    expect((await measureBundle(entries.helpersOnly)).resourceMarkers).toEqual([]);
  });

  it("drops the resource helpers from a bundle that imports only createCrmCoreClient", async () => {
    expect((await measureBundle(entries.coreClientOnly)).resourceMarkers).toEqual([]);
  });

  it("keeps them with createCrmClient (so the checks above can fail)", async () => {
    expect((await measureBundle(entries.createClientOnly)).resourceMarkers.length).toBeGreaterThan(0);
  });
});
