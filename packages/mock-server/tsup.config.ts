import { defineConfig } from "tsup";

const shared = {
  target: "node18",
  platform: "node",
  sourcemap: true,
  // Prism and its dependencies stay in node_modules; only our own code is bundled.
  skipNodeModulesBundle: true,
  shims: true,
} as const;

export default defineConfig([
  {
    ...shared,
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    // The two builds run in parallel; keep this one's clean away from the CLI's output.
    clean: ["!cli.js", "!cli.js.map"],
  },
  {
    ...shared,
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    // The CLI imports the library build beside it (dist/index.js) instead of bundling a second copy.
    external: ["./index.js"],
  },
]);
