import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generating from the spec parses and lints it with Redocly: about a second, more on a slow CI box.
    testTimeout: 30_000,
  },
});
