import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { generateAll, HEADER, METADATA_HEADER, OUTPUT_DIR, OUTPUT_PATH } from "../scripts/generate.js";
import {
  type components,
  type PagedOperationMetadata,
  type PagedOperations,
  pagedOperations,
  type paths,
  type Schema,
  tokenMetadata,
} from "../src/index.js";

describe("generated types", () => {
  it("match the committed spec (codegen drift)", async () => {
    for (const [name, source] of Object.entries(await generateAll())) {
      const committed = await readFile(join(OUTPUT_DIR, name), "utf8");
      const message = `src/generated/${name} is out of date with specs/engagifii-crm.openapi.yaml: run \`pnpm generate\` and commit the result`;
      expect(source, message).toBe(committed);
    }
  });

  it("start with the do-not-edit header", async () => {
    const committed = await readFile(OUTPUT_PATH, "utf8");
    expect(committed.startsWith(HEADER)).toBe(true);
    expect(HEADER).toContain("Do not make direct changes");
    expect(METADATA_HEADER).toContain("Do not make direct changes");
  });

  // Checked by `pnpm typecheck` (tsc over test/); at run time expectTypeOf does nothing. Written
  // for any document, so that a spec swap does not break it.
  it("expose Schema<Name> for every schema, and the metadata's types", () => {
    type Name = keyof components["schemas"];
    expectTypeOf<Schema<Name>>().toEqualTypeOf<components["schemas"][Name]>();
    expectTypeOf<keyof PagedOperations>().toExtend<keyof paths>();
    expectTypeOf(tokenMetadata.scopes).toExtend<readonly string[]>();
    expectTypeOf(pagedOperations).toExtend<Record<string, PagedOperationMetadata>>();
  });
});
