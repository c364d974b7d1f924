import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build } from "esbuild";
import { benchDir, repoRoot } from "./paths.js";
import { type BenchResult, budget, metric } from "./result.js";
import { runAsScript } from "./run-as-script.js";

/**
 * The full entry, minified and gzipped, in bytes (1 kB = 1,000 bytes, as size-limit counts).
 * 20 kB: issue #11's policies and scrubbing in every encoding took the entry from 10.9 kB to 17.1 kB,
 * and the budget keeps about 3 kB of room for the document-driven metadata of issue #12;
 * npm test holds the entry to it (test/bundle-size.test.ts).
 */
export const sizeBudgetBytes = 20_000;

export const clientEntry = resolve(repoRoot, "packages/client/dist/index.js");

/** Strings only the resource helpers (people, organizations, committees) put in a bundle. */
export const resourceMarkers = ["/api/v1/committees", "/api/v1/organizations/{organizationId}/people", "addMember"];

export interface BundleSize {
  minifiedBytes: number;
  gzipBytes: number;
  /** The resource markers found in the output. */
  resourceMarkers: string[];
}

const shared = {
  bundle: true,
  minify: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  // openapi-fetch is the client's runtime dependency, installed beside it; crm-types is types only.
  external: ["openapi-fetch", "@engagifii/crm-types"],
  write: false,
  logLevel: "silent",
} satisfies BuildOptions;

/** Bundles an entry as a browser app would: minified ESM, dependencies external, gzip level 9. */
export async function measureBundle(entry: { file: string } | { contents: string }): Promise<BundleSize> {
  const result = await build({
    ...shared,
    outfile: "out.js",
    ...("file" in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: benchDir, loader: "ts" } }),
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no output");
  return {
    minifiedBytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
    resourceMarkers: resourceMarkers.filter((marker) => output.text.includes(marker)),
  };
}

const reexport = (names: string) => ({ contents: `export { ${names} } from "@engagifii/crm-client";\n` });

export const entries = {
  full: { file: clientEntry },
  createClientOnly: reexport("createCrmClient"),
  /** The client without the helpers: what a bundle that never touches crm.people should carry. */
  coreClientOnly: reexport("createCrmCoreClient"),
  helpersOnly: reexport("CrmApiError, NotFoundError, Paginator, RateLimitError, unwrap"),
} as const;

export async function run(): Promise<BenchResult> {
  const started = performance.now();
  const full = await measureBundle(entries.full);
  const createOnly = await measureBundle(entries.createClientOnly);
  const coreOnly = await measureBundle(entries.coreClientOnly);
  const helpers = await measureBundle(entries.helpersOnly);
  const shaken = [...helpers.resourceMarkers, ...coreOnly.resourceMarkers];
  return {
    bench: "bundle-size",
    title: "Bundle size: esbuild, minified ESM, platform neutral, openapi-fetch external, gzip -9",
    durationMs: performance.now() - started,
    metrics: [
      metric("full entry (dist/index.js): min+gzip", full.gzipBytes, "bytes"),
      metric("export { createCrmClient }: min+gzip", createOnly.gzipBytes, "bytes"),
      metric("export { createCrmCoreClient }: min+gzip", coreOnly.gzipBytes, "bytes"),
      metric("unwrap, Paginator and errors only: min+gzip", helpers.gzipBytes, "bytes"),
    ],
    budgets: [
      budget(
        "bundle: full entry min+gzip",
        `≤ ${sizeBudgetBytes.toLocaleString("en-US")} bytes`,
        `${full.gzipBytes.toLocaleString("en-US")} bytes`,
        full.gzipBytes <= sizeBudgetBytes,
      ),
      budget(
        "tree-shaking: resource helpers without createCrmClient",
        "none",
        shaken.join(", ") || "none",
        shaken.length === 0,
      ),
      budget(
        "tree-shaking: resource helpers with createCrmClient",
        "present",
        createOnly.resourceMarkers.length > 0 ? "present" : "none",
        createOnly.resourceMarkers.length > 0,
      ),
    ],
    notes: ["npm test checks the same budget and both tree-shaking directions (test/bundle-size.test.ts)"],
  };
}

runAsScript(import.meta.url, run);
