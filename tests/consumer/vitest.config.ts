import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Packs and installs the tarballs once for both test files.
    globalSetup: ["test/global-setup.ts"],
    // The runtime consumers start Prism; the skipLibCheck: false compile has taken 45 s while the rest of
    // `npm test` ran beside it.
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});
