import { readFile } from "node:fs/promises";
import { describe, expect, expectTypeOf, it } from "vitest";
import { generateTypes, HEADER, OUTPUT_PATH } from "../scripts/generate.js";
import type {
  ApiError,
  components,
  operations,
  Person,
  PersonPage,
  paths,
  Schema,
  TokenResponse,
} from "../src/index.js";

describe("generated types", () => {
  it("match the committed spec (codegen drift)", async () => {
    const committed = await readFile(OUTPUT_PATH, "utf8");
    const message =
      "src/generated/openapi.ts is out of date with specs/engagifii-crm.openapi.yaml: run `pnpm generate` and commit the result";
    expect(await generateTypes(), message).toBe(committed);
  });

  it("start with the do-not-edit header", async () => {
    const committed = await readFile(OUTPUT_PATH, "utf8");
    expect(committed.startsWith(HEADER)).toBe(true);
    expect(HEADER).toContain("Do not make direct changes");
  });

  // Checked by `pnpm typecheck` (tsc over test/); at run time expectTypeOf does nothing.
  it("expose the friendly aliases", () => {
    expectTypeOf<Person["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Schema<"Person">>().toEqualTypeOf<Person>();
    expectTypeOf<PersonPage["data"]>().toEqualTypeOf<Person[]>();
    expectTypeOf<ApiError>().toEqualTypeOf<components["schemas"]["Error"]>();
    expectTypeOf<TokenResponse>().toHaveProperty("access_token");
    expectTypeOf<paths["/api/v1/people"]["get"]>().toEqualTypeOf<operations["listPeople"]>();
    expectTypeOf<paths["/api/v1/people/{personId}"]>().toHaveProperty("get");
  });
});
