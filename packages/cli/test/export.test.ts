import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRecords } from "./document-values.js";
import { startFakeCrmServer } from "./fake-crm-server.js";
import { document, fakeEnvironment, finished, runBinary, startBinary } from "./run-binary.js";
import { exportableResource, isPageOf } from "./shipped-table.js";

// The first resource the shipped binary exports, on the document in use, paged as it pages it.
const resource = exportableResource();
const list = resource.every!;
const records = (count: number) => listRecords(document, list, count);
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "engagifii-export-"));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

const heapProbe = fileURLToPath(new URL("heap-probe.cjs", import.meta.url));

/** The child's peak resident memory (VmHWM), sampled until it exits; Linux only, reported, not asserted. */
function peakResidentMemory(child: ChildProcess): () => number {
  let peak = 0;
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      // the process has exited
    }
  };
  const timer = setInterval(sample, 50);
  child.on("exit", () => clearInterval(timer));
  return () => peak;
}

describe("engagifii export", () => {
  const supported = process.platform === "linux";
  it.skipIf(!supported)(
    `exports 100,000 ${resource.command} at the rate limit in order, with live heap growth under 50 MB`,
    async () => {
      const items = records(100_000);
      const server = await startFakeCrmServer(document, { seed: { [list.path]: items } });
      try {
        // The memory any export needs: the same binary exporting a single page from a one-page server.
        const onePage = await startFakeCrmServer(document, { seed: { [list.path]: items.slice(0, 200) } });
        const exportTo = async (url: string, file: string) => {
          const heapFile = `${file}.heap`;
          const child = startBinary(
            [
              "--rate-limit",
              "40/1s",
              "export",
              resource.command,
              "--format",
              "jsonl",
              "--out",
              file,
              "--page-size",
              "200",
            ],
            {
              env: {
                ...fakeEnvironment(url, directory),
                NODE_OPTIONS: `--expose-gc --require ${heapProbe}`,
                HEAP_PROBE_FILE: heapFile,
              },
            },
          );
          const rss = peakResidentMemory(child);
          const result = await finished(child);
          return { result, rss: rss(), heap: Number(await readFile(heapFile, "utf8")) };
        };
        const baseline = await exportTo(onePage.url, join(directory, "one-page.jsonl"));
        await onePage.stop();
        expect(baseline.result.code, baseline.result.stderr).toBe(0);

        const file = join(directory, `${resource.command}.jsonl`);
        const started = performance.now();
        const { result, rss, heap } = await exportTo(server.url, file);
        const seconds = (performance.now() - started) / 1000;
        expect(result.code, result.stderr).toBe(0);
        const lines = (await readFile(file, "utf8")).trimEnd().split("\n");
        expect(lines).toHaveLength(items.length);
        lines.forEach((line, index) => {
          if (JSON.parse(line).id !== items[index]?.id) throw new Error(`line ${index + 1} is out of order`);
        });
        const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
        process.stdout.write(
          `export figures: ${items.length} records, 500 pages in ${seconds.toFixed(1)} s at a limit of 40 requests/s ` +
            `(${(500 / seconds).toFixed(1)} pages/s); live heap peak ${megabytes(heap)} (one page: ${megabytes(baseline.heap)}); ` +
            `peak RSS ${megabytes(rss)} (one page: ${megabytes(baseline.rss)})\n`,
        );
        expect(heap - baseline.heap).toBeLessThan(50 * 2 ** 20);
      } finally {
        await server.stop();
      }
    },
    90_000,
  );

  for (const format of ["csv", "jsonl", "json"] as const) {
    it(`--resume after a kill produces the same ${format} file as an uninterrupted export`, async () => {
      const items = records(3_000);
      let pagesServed = 0;
      let child: ChildProcess | undefined;
      const server = await startFakeCrmServer(document, {
        seed: { [list.path]: items },
        onRequest: (method, url) => {
          if (isPageOf(list, method, url) && ++pagesServed === 12) child?.kill("SIGKILL");
        },
      });
      try {
        const env = fakeEnvironment(server.url, directory);
        const whole = join(directory, `whole.${format}`);
        const resumed = join(directory, `resumed.${format}`);
        const args = (out: string) => [
          "export",
          resource.command,
          "--format",
          format,
          "--out",
          out,
          "--page-size",
          "100",
        ];
        child = startBinary(args(resumed), { env });
        const killed = await finished(child);
        expect(killed.signal, killed.stderr).toBe("SIGKILL");
        const again = await runBinary(args(resumed), { env });
        expect(again.code).toBe(2);
        expect(again.stderr).toContain("hint: add --resume to continue it");
        const resume = await runBinary([...args(resumed), "--resume"], { env });
        expect(resume.code, resume.stderr).toBe(0);
        expect((await runBinary(args(whole), { env })).code).toBe(0);
        expect(await readFile(resumed, "utf8")).toBe(await readFile(whole, "utf8"));
        expect(await readFile(whole, "utf8")).toContain(String(items.at(-1)?.id));
        if (format === "json") expect(JSON.parse(await readFile(resumed, "utf8"))).toHaveLength(items.length);
      } finally {
        await server.stop();
      }
    });
  }

  it("prints one plain line per 10 % when NO_COLOR is set", async () => {
    const server = await startFakeCrmServer(document, { seed: { [list.path]: records(1_000) } });
    try {
      const env = fakeEnvironment(server.url, directory);
      const result = await runBinary(
        ["export", resource.command, "--out", join(directory, "plain.csv"), "--page-size", "50", "--concurrency", "1"],
        { env },
      );
      expect(result.code, result.stderr).toBe(0);
      const progress = result.stderr.split("\n").filter((line) => line.startsWith(`export ${resource.command}:`));
      expect(progress.map((line) => line.split(" ")[2])).toEqual([
        "10%",
        "20%",
        "30%",
        "40%",
        "50%",
        "60%",
        "70%",
        "80%",
        "90%",
        "100%",
      ]);
    } finally {
      await server.stop();
    }
  });
});
