import { createRequire } from "node:module";
import { runCli } from "./index.js";

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };
const code = await runCli(process.argv.slice(2), version);
// Exit once the output is flushed: a kept-alive connection would otherwise hold the process.
process.stdout.write("", () => process.exit(code));
