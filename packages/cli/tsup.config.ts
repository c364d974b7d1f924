import { defineConfig } from "tsup";

const shared = {
  target: "node20",
  platform: "node",
  sourcemap: true,
  skipNodeModulesBundle: true,
  shims: true,
} as const;

export default defineConfig([
  {
    ...shared,
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    // The two builds run in parallel; keep this one's clean away from the binary's output.
    clean: ["!cli.js", "!cli.js.map"],
  },
  {
    ...shared,
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    // The binary imports the library build beside it (dist/index.js) instead of bundling a second copy.
    external: ["./index.js"],
  },
]);
