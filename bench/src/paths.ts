import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The bench package directory; child processes run here so that `--import tsx` resolves. */
export const benchDir = fileURLToPath(new URL("..", import.meta.url));
export const repoRoot = resolve(benchDir, "..");
export const resultsDir = resolve(benchDir, "results");
