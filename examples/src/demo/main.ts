// `npm run demo`: the Getting Started guide's integration patterns, run through the SDK against
// an embedded stateful sandbox (or, with ENGAGIFII_* credentials, read-only against a live API).
import { parseArgs } from "node:util";
import { type CrmClientOptions, createCrmClient, type LogLevel, type TokenRefreshEvent } from "@engagifii/crm-client";
import { type MockServer, startMockServer } from "@engagifii/crm-mock-server";
import { createExchangeLog, type ExchangeLog } from "./exchange-log.js";
import { type DemoMode, readMode } from "./mode.js";
import { createRecorder } from "./recorder.js";
import { Report } from "./report.js";
import { type StepContext, steps } from "./steps.js";
import { createStyle } from "./style.js";

const usage = `Usage: npm run demo [-- --write]

Walks the Getting Started guide's integration patterns through the SDK, one block per step.
Without credentials it starts an embedded sandbox of the API, which keeps what the demo creates, and runs every step against it.

With ENGAGIFII_CLIENT_ID, ENGAGIFII_CLIENT_SECRET and ENGAGIFII_TENANT_CODE set (and optionally
ENGAGIFII_BASE_URL), it runs the read-only steps against that API instead.

Options:
  --write   against a live API, also run the steps that create records (deleted again at the end)
  --help    show this help

Exits 0 when every step succeeded, 1 with one line on stderr when one failed, 2 for a bad flag.`;

/** Which step is running, for the failure line. */
let stage = "setup";

async function main(): Promise<number> {
  let write = false;
  try {
    const { values } = parseArgs({ options: { write: { type: "boolean" }, help: { type: "boolean" } } });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    write = values.write ?? false;
  } catch (error) {
    process.stderr.write(`demo: ${(error as Error).message.split(". ")[0]} (see --help)\n`);
    return 2;
  }

  const report = new Report(process.stdout, createStyle(process.stdout.isTTY === true, process.env));
  const log = createExchangeLog(report);
  let mock: MockServer | undefined;
  let context: StepContext | undefined;
  try {
    stage = "config";
    const mode = readMode(process.env, write);
    // Against the mock any credentials do; against a live API they come from ENGAGIFII_* (and
    // process.env also supplies ENGAGIFII_TOKEN_URL or ENGAGIFII_SCOPE when they are set).
    let connection: CrmClientOptions;
    if (mode.kind === "mock") {
      stage = "mock";
      mock = await startMockServer({ stateful: true });
      connection = {
        baseUrl: mock.url,
        clientId: "demo-client",
        clientSecret: "demo-secret",
        tenantCode: "acme",
        env: {},
      };
    } else {
      const { baseUrl, clientId, clientSecret, tenantCode } = mode;
      connection = { baseUrl, clientId, clientSecret, tenantCode, env: process.env };
    }
    report.line(report.style.bold("Engagifii CRM SDK demo"));
    for (const line of describeMode(mode, connection.baseUrl)) report.line(line);

    stage = "client";
    context = createContext(mode, connection, report, log);
    const started = performance.now();
    for (const [index, step] of steps.entries()) {
      stage = step.key;
      report.heading(index + 1, steps.length, step.title);
      if (step.writes === "all" && !mode.write) {
        report.skipped("this step writes; pass --write to run it against a live API");
        continue;
      }
      const stepStarted = performance.now();
      log.startStep();
      await step.run(context);
      const { requests, hidden } = log.endStep();
      if (hidden > 0)
        report.note(report.style.dim(`… and ${hidden} more ${hidden === 1 ? "request" : "requests"} not shown`));
      report.done(requests, performance.now() - stepStarted);
    }
    report.line();
    report.line(
      `demo finished: ${steps.length} steps, ${log.total} requests in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (process.stdout.isTTY) process.stdout.write("\n"); // end a progress bar's line
    process.stderr.write(`demo: ${stage}: ${reason.split("\n")[0]}\n`);
    return 1;
  } finally {
    if (context?.mode.kind === "live") await cleanUp(context, log);
    await mock?.stop();
  }
}

function createContext(mode: DemoMode, connection: CrmClientOptions, report: Report, log: ExchangeLog): StepContext {
  const recorder = createRecorder();
  const tokenEvents: TokenRefreshEvent[] = [];
  const crm = createCrmClient({
    ...connection,
    fetch: recorder.fetch,
    hooks: { onTokenRefresh: (event) => tokenEvents.push(event) },
    // The demo prints its own lines; the client's log goes on only when ENGAGIFII_LOG asks for it.
    ...(process.env.ENGAGIFII_LOG ? {} : { logLevel: "off" as LogLevel }),
  });
  recorder.listen((exchange) => log.record(exchange));
  return {
    crm,
    mode,
    report,
    out: process.stdout,
    tokenEvents,
    state: {},
    cleanup: [],
    limitExchanges: (count) => log.limit(count),
  };
}

function describeMode(mode: DemoMode, baseUrl: string | undefined): string[] {
  if (mode.kind === "mock") {
    return [
      `mode: sandbox (no ENGAGIFII_* credentials set): an embedded stateful sandbox of the API at ${baseUrl}`,
      "      it starts from the spec's examples (or seeded data when it has none) and keeps what this run creates, per tenant, until it stops",
    ];
  }
  const where = `${baseUrl}, tenant ${mode.tenantCode}`;
  return mode.write
    ? [`mode: live, read-write (--write): ${where}`, "      records this run creates are deleted again at the end"]
    : [`mode: live, read-only: ${where}`, "      steps that write are skipped; pass --write to run them too"];
}

/** Deletes what the run created in a live tenant, newest first; failures are reported, not thrown. */
async function cleanUp(context: StepContext, log: ExchangeLog): Promise<void> {
  if (context.cleanup.length === 0) return;
  context.report.line();
  context.report.line("cleanup:");
  log.startStep();
  const failed: string[] = [];
  for (const { what, undo } of context.cleanup.reverse()) {
    await undo().catch(() => failed.push(what));
  }
  const deleted = context.cleanup.length - failed.length;
  context.report.note(
    `deleted ${deleted} of ${context.cleanup.length} records this run created${failed.length ? `; still there: ${failed.join(", ")}` : ""}`,
  );
}

const code = await main();
// Exit once the output is flushed: a kept-alive connection to a live API would otherwise hold the process for seconds.
process.stdout.write("", () => process.exit(code));
