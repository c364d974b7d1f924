// Loaded into the binary by the export test (NODE_OPTIONS="--expose-gc --require …/heap-probe.cjs"):
// every 100 ms it collects garbage and records the live heap, and on exit writes the peak to
// $HEAP_PROBE_FILE. Collecting first measures what the export keeps, not V8's lazy sizing.
const { writeFileSync } = require("node:fs");

let peak = 0;
const sample = () => {
  globalThis.gc();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
};
setInterval(sample, 100).unref();
process.on("exit", () => {
  sample();
  writeFileSync(process.env.HEAP_PROBE_FILE, String(peak));
});
