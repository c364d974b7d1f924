// The stateful sandbox: the document's collections, a store per tenant, and the seed it resets to.
import type { HttpOperation } from "../document/http-operation.js";
import { mostLiteralFirst } from "../document/path-template.js";
import type { SandboxResponse } from "../http/sandbox-response.js";
import { answerRoute, type RouteRequest } from "./answer-route.js";
import { withGeneratedRecords } from "./generated-seed.js";
import { buildResourceModel, type ResourceRoute } from "./resource-model.js";
import { SandboxStore } from "./sandbox-store.js";
import { loadSeed, readSeedFile, type SandboxSeed, seedFromExamples } from "./seed.js";

export interface Sandbox {
  /** The route for a request, or undefined when the sandbox does not keep state for it. */
  match(method: string, path: string): { route: ResourceRoute; parameters: Record<string, string> } | undefined;
  answer(request: RouteRequest): SandboxResponse;
  reset(): void;
}

/** `seed`: records, a path to a JSON file of them, or undefined for the document's examples completed with
 *  generated records (seeded by `dataSeed`) for the collections they leave empty. */
export async function createSandbox(
  operations: HttpOperation[],
  seed: SandboxSeed | string | undefined,
  dataSeed: string,
): Promise<Sandbox> {
  const model = buildResourceModel(operations);
  const records =
    typeof seed === "string"
      ? await readSeedFile(seed)
      : (seed ?? withGeneratedRecords(model, seedFromExamples(model), dataSeed));
  const store = new SandboxStore(loadSeed(model, records));
  const routes = mostLiteralFirst(model.routes);
  return {
    match(method, path) {
      for (const route of routes) {
        if (route.operation.method !== method.toLowerCase()) continue;
        const parameters = route.template.match(path);
        if (parameters !== undefined) return { route, parameters };
      }
      return undefined;
    },
    answer: (request) => answerRoute(model, store, request),
    reset: () => store.reset(),
  };
}
