import { measureOverhead } from "./overhead.js";
import { runAsScript } from "./run-as-script.js";

export const run = () => measureOverhead("stub");

runAsScript(import.meta.url, run);
