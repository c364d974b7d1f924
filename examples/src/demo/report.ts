import type { OrganizationNode } from "@engagifii/crm-client";
import type { Exchange } from "./recorder.js";
import type { Style } from "./style.js";
import { describeRequestBody, describeResponseBody, label } from "./summarize.js";

/** Where the demo writes: a stream with `write`, and whether it is a terminal. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** The demo's output: one block per step, with what was sent, what came back, and how long it took. */
export class Report {
  readonly #out: Output;
  readonly style: Style;

  constructor(out: Output, style: Style) {
    this.#out = out;
    this.style = style;
  }

  line(text = ""): void {
    this.#out.write(`${text}\n`);
  }

  heading(index: number, total: number, title: string): void {
    this.line();
    this.line(this.style.bold(`[${index}/${total}] ${title}`));
  }

  exchange(exchange: Exchange): void {
    const body = describeRequestBody(exchange.requestBody);
    const key = exchange.idempotencyKey ? this.style.dim(`  Idempotency-Key: ${exchange.idempotencyKey}`) : "";
    this.line(`  ${this.style.cyan("→")} ${exchange.method} ${exchange.target}${body ? ` ${body}` : ""}${key}`);
    const ok = exchange.status >= 200 && exchange.status < 300;
    const status = ok ? this.style.green(String(exchange.status)) : this.style.red(String(exchange.status));
    const time = this.style.dim(`${Math.round(exchange.durationMs)} ms`);
    this.line(`  ${this.style.cyan("←")} ${status} ${time}  ${describeResponseBody(exchange.responseBody)}`);
  }

  note(text: string): void {
    this.line(`  ${text}`);
  }

  skipped(reason: string): void {
    this.line(`  ${this.style.yellow("skipped:")} ${reason}`);
  }

  done(requests: number, milliseconds: number): void {
    const what = requests === 1 ? "1 request" : `${requests} requests`;
    this.line(`  ${this.style.green("✓")} ${this.style.dim(`${what} in ${Math.round(milliseconds)} ms`)}`);
  }

  /** Organizations as an indented tree, at most `maxLines` lines. */
  tree<T extends object>(roots: OrganizationNode<T>[], maxLines = 20): void {
    const lines: string[] = [];
    const walk = (nodes: OrganizationNode<T>[], prefix: string, depth: number) => {
      nodes.forEach((node, index) => {
        const last = index === nodes.length - 1;
        const branch = depth === 0 ? "" : last ? "└─ " : "├─ ";
        lines.push(`${prefix}${branch}${label(node)}`);
        walk(node.children, depth === 0 ? prefix : `${prefix}${last ? "   " : "│  "}`, depth + 1);
      });
    };
    walk(roots, "    ", 0);
    for (const line of lines.slice(0, maxLines)) this.line(line);
    if (lines.length > maxLines) this.line(this.style.dim(`    … ${lines.length - maxLines} more`));
  }
}
