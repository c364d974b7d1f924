import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The tests spawn the built binary against a fake API; a slow shared box needs more than 5 s.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // One file at a time: each spawns node processes back to back, and several files at once would
    // take the CPU from the timing-sensitive suites turbo runs beside this one.
    fileParallelism: false,
  },
});
