import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "./paths.js";

const dist = resolve(repoRoot, "packages/client/dist");
/**
 * The commit measured, whether the client's or the harness's sources differ from it (a run on
 * uncommitted work), and a hash of the built entry, which names the exact code measured either way.
 */
export function sourceState(): {
  commit: string;
  clientSourceChanged: boolean;
  benchSourceChanged: boolean;
  clientDistSha256: string;
} {
  const clientDistSha256 = createHash("sha256")
    .update(readFileSync(resolve(dist, "index.js")))
    .digest("hex")
    .slice(0, 12);
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    return {
      commit: git("rev-parse", "--short", "HEAD"),
      clientSourceChanged: git("status", "--porcelain", "--", "packages/client/src") !== "",
      benchSourceChanged: git("status", "--porcelain", "--", "bench/src") !== "",
      clientDistSha256,
    };
  } catch {
    return { commit: "unknown", clientSourceChanged: false, benchSourceChanged: false, clientDistSha256 };
  }
}
