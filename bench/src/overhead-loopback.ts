import { measureOverhead } from "./overhead.js";
import { runAsScript } from "./run-as-script.js";

export const run = () => measureOverhead("loopback");

runAsScript(import.meta.url, run);
