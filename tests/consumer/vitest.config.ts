import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Packing and `npm install` of the tarballs (Prism and its dependencies) take most of a minute on a cold npm
    // cache, and the skipLibCheck: false compile has taken 45 s while the rest of `npm test` ran beside it.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
