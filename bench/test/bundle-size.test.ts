import { describe, expect, it } from "vitest";
import { entries, measureBundle, sizeBudgetBytes, sizeRatchetBytes, withoutProse } from "../src/bundle-size.js";

// The client's ESM entry, minified for the browser with openapi-fetch external. Issue 7's budget
// is 8 kB gzipped and is not met yet (`pnpm bench` reports it); until it is, npm test holds the
// entry to the ratchet so that it cannot grow. Needs packages/client/dist, built before `test`.
describe("bundle size", () => {
  it(`keeps the full entry within the ${sizeRatchetBytes / 1000} kB ratchet (budget: ${sizeBudgetBytes / 1000} kB)`, async () => {
    const { gzipBytes } = await measureBundle(entries.full);
    expect(gzipBytes, `dist/index.js is ${gzipBytes} bytes min+gzip`).toBeLessThanOrEqual(sizeRatchetBytes);
  });

  it("drops the resource helpers from a bundle that imports only unwrap, Paginator and errors", async () => {
    const { resourceMarkers } = await measureBundle(entries.helpersOnly);
    expect(resourceMarkers).toEqual([]);
  });

  it("drops the resource helpers from a bundle that imports only createCrmCoreClient", async () => {
    const { resourceMarkers } = await measureBundle(entries.coreClientOnly);
    expect(resourceMarkers).toEqual([]);
  });

  it("keeps them with createCrmClient (so the markers above can fail)", async () => {
    const { resourceMarkers } = await measureBundle(entries.createClientOnly);
    expect(resourceMarkers.length).toBeGreaterThan(0);
  });

  it("measures the code without its prose by blanking only literals that hold a space", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source text, not a template
    const code = 'const a="not found",b="GET",c=`${m} ${p} failed`,d=`x-id`;';
    // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source text, not a template
    const expected = 'const a="",b="GET",c=`${m}${p}`,d=`x-id`;';
    expect(withoutProse(code)).toBe(expected);
  });
});
