import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The demo test runs the whole demo in a child process: tsx, Prism and seven steps.
    testTimeout: 60_000,
  },
});
