import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The tests spawn the built binary against a fake API; a slow shared box needs more than 5 s.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
