import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cases } from "../src/cases.js";

describe("the case list", () => {
  it.each(cases)("%s has a file that exports run()", async (name) => {
    const file = new URL(`../src/${name}.ts`, import.meta.url);
    expect(existsSync(file), `src/${name}.ts`).toBe(true);
    const module = (await import(file.href)) as { run?: unknown };
    expect(typeof module.run).toBe("function");
  });
});
