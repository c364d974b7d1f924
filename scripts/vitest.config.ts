import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Spec tests compile many schemas, and spec-pull tests may start local servers.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
