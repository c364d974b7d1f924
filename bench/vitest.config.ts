import { defineConfig } from "vitest/config";

// Only the bundle-size budget runs under `npm test`; the timing benchmarks run under `pnpm bench`.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], testTimeout: 30_000 },
});
