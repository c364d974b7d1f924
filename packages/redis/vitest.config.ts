import { defineConfig } from "vitest/config";

export default defineConfig({
  // The Redis tests share one server with other test runs: each file uses its own key prefix.
  test: { include: ["test/**/*.test.ts"], testTimeout: 20_000, hookTimeout: 20_000 },
});
