import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError } from "../src/cli-error.js";
import { readBody } from "../src/request-body.js";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "engagifii-body-"));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

const noStdin = async () => {
  throw new Error("stdin was read");
};

describe("the body of a write: --data, -f, -F, --input", () => {
  it("reads --data as JSON, as @file, or from stdin with - and @-", async () => {
    const file = join(directory, "member.json");
    await writeFile(file, '{"personId":"p-1","position":"Chair"}\n');
    expect(await readBody({ data: '{"position":"Chair"}' }, noStdin)).toEqual({ position: "Chair" });
    expect(await readBody({ data: `@${file}` }, noStdin)).toEqual({ personId: "p-1", position: "Chair" });
    for (const data of ["-", "@-"]) {
      expect(await readBody({ data }, async () => '[{"id":1}]')).toEqual([{ id: 1 }]);
    }
  });

  it("merges -f and -F over --data, and gives nothing when no flag is given", async () => {
    const body = await readBody(
      { data: '{"position":"Chair","startDate":"2024-01-01"}', field: ["position=Treasurer"], typedField: ["order=2"] },
      noStdin,
    );
    expect(body).toEqual({ position: "Treasurer", startDate: "2024-01-01", order: 2 });
    expect(await readBody({}, noStdin)).toBeUndefined();
  });

  it("refuses, as usage errors (exit 2): bad JSON, an unreadable file, --data with --input, fields over a non-object", async () => {
    const cases: [Parameters<typeof readBody>[0], string][] = [
      [{ data: "{position:" }, "--data is not JSON"],
      [{ data: `@${join(directory, "missing.json")}` }, "cannot read"],
      [{ data: "{}", input: "body.json" }, "--data and --input both give the body"],
      [{ data: "[1]", field: ["a=b"] }, "--data must be a JSON object when -f/-F fields are merged over it"],
    ];
    for (const [flags, message] of cases) {
      const error = await readBody(flags, noStdin).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toContain(message);
      expect((error as CliError).exitCode).toBe(2);
    }
  });
});
