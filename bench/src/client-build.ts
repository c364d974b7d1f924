import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { repoRoot } from "./paths.js";

const dist = resolve(repoRoot, "packages/client/dist");
const required = ["index.js", "index.d.ts"].map((file) => resolve(dist, file));

/**
 * Waits until packages/client/dist is whole. tsup cleans dist/ before it writes, and the
 * declarations come seconds after the JavaScript, so a build running beside the benchmarks
 * (another terminal, an editor's watch) leaves moments when the client cannot be imported.
 */
export async function waitForClientBuild(timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stamps = await Promise.all(
      required.map((file) =>
        stat(file).then(
          (info) => info.mtimeMs,
          () => undefined,
        ),
      ),
    );
    if (stamps.every((stamp) => stamp !== undefined && Date.now() - stamp > 1_000)) return;
    if (Date.now() > deadline) throw new Error(`packages/client/dist is incomplete; run pnpm build`);
    await new Promise((done) => setTimeout(done, 500));
  }
}

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
