import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { waitForClientBuild } from "./client-build.js";
import { benchDir } from "./paths.js";

const execFileAsync = promisify(execFile);

// A consumer as the README shows it: a client, a typed GET, pagination, a typed create, an error check.
export const consumer = `import { createCrmClient, NotFoundError, unwrap } from "@engagifii/crm-client";
import type { Person, PersonCreate } from "@engagifii/crm-types";

const crm = createCrmClient({ tenantCode: "acme", clientId: "id", clientSecret: "secret" });

export async function sync(): Promise<Person[]> {
  const page = unwrap(await crm.GET("/api/v1/people", { params: { query: { pageIndex: 0, pageSize: 50 } } }));
  const everyone: Person[] = [...page.data];
  for await (const person of crm.paginate("/api/v1/people", { params: { query: { pageSize: 100 } } })) everyone.push(person);
  const created: PersonCreate = { firstName: "Jane", lastName: "Smith", email: "jane.smith@example.com" };
  await crm.people.create(created, { idempotencyKey: "sync-1" });
  try {
    await crm.people.get(everyone[0]?.id ?? "missing");
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  return everyone;
}
`;

const tsconfig = JSON.stringify({
  extends: "../../../tsconfig.base.json",
  compilerOptions: { types: [], skipLibCheck: true },
  include: ["consumer.ts"],
});

export interface TscTiming {
  wallMs: number;
  checkMs: number;
  totalMs: number;
  types: number;
  instantiations: number;
}

/** `tsc --noEmit` on one file in a scratch directory inside bench/, so that the workspace packages resolve. */
export async function timeTypecheck(source: string, label: string): Promise<TscTiming> {
  const directory = resolve(benchDir, ".tmp", `${label}-${process.pid}`);
  await mkdir(directory, { recursive: true });
  try {
    await writeFile(resolve(directory, "consumer.ts"), source, "utf8");
    await writeFile(resolve(directory, "tsconfig.json"), tsconfig, "utf8");
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    await waitForClientBuild();
    const started = performance.now();
    const { stdout } = await execFileAsync(
      process.execPath,
      [tsc, "--noEmit", "-p", directory, "--extendedDiagnostics"],
      {
        cwd: benchDir,
      },
    ).catch((error: { stdout?: string; message: string }) => {
      throw new Error(`tsc failed on the ${label} file: ${error.stdout ?? error.message}`);
    });
    const wallMs = performance.now() - started;
    const read = (field: string) => Number(new RegExp(`^${field}:\\s+([\\d.]+)`, "m").exec(stdout)?.[1] ?? Number.NaN);
    return {
      wallMs,
      checkMs: read("Check time") * 1000,
      totalMs: read("Total time") * 1000,
      types: read("Types"),
      instantiations: read("Instantiations"),
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
