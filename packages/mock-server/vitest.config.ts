import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each file starts real servers and child processes; a slow CI box needs more than 5 s.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: "mock-server", include: ["test/*.test.ts"] },
      },
      {
        // The contract suite shares one mock, started once by the global setup.
        extends: true,
        test: {
          name: "contract",
          include: ["test/contract/**/*.test.ts"],
          globalSetup: ["test/contract/global-setup.ts"],
        },
      },
      {
        // The same suite against the stateful sandbox (the setup reads the project's name).
        extends: true,
        test: {
          name: "contract-stateful",
          include: ["test/contract/**/*.test.ts"],
          globalSetup: ["test/contract/global-setup.ts"],
        },
      },
    ],
  },
});
