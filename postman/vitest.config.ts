import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // newman starts a run per folder against a sandbox that loads Prism first.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
