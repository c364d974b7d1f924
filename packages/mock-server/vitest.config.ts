import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each file starts real servers and child processes; a slow CI box needs more than 5 s.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
