// Starts one mock for a whole contract project and hands its URL to the tests through vitest's
// provide/inject: Prism as it is (`contract`) or the stateful sandbox (`contract-stateful`). It
// serves the repository's document (not the spec/ copy the build makes), whatever specs/ holds: after
// a spec swap, the swapped one. The client under test is built from the generated metadata of that
// same document; coverage.test.ts fails when the two differ (`pnpm generate` was not run).
import type { TestProject } from "vitest/node";
import { startMockServer } from "../../src/index.js";
import { repositorySpecPath } from "./spec.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stateful = project.name === "contract-stateful";
  const mock = await startMockServer({ port: 0, spec: repositorySpecPath, stateful });
  project.provide("contractMockUrl", mock.url);
  project.provide("contractMode", stateful ? "stateful" : "stateless");
  return () => mock.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the mock the contract tests call, e.g. `http://127.0.0.1:43117`. */
    contractMockUrl: string;
    /** Which mode that mock runs in. */
    contractMode: "stateless" | "stateful";
  }
}
