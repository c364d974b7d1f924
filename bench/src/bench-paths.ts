// The benchmark servers (spawn-server.ts and the fakes) serve our guide's `GET /api/v1/people` page
// envelope whatever document specs/ holds, so the clients here are typed by the client tests' own
// document, which has that path (packages/client/test/fixtures/transport-api.openapi.yaml). A
// type-only import: nothing of it runs, and a spec swap leaves the benchmarks compiling.
export type {
  components as BenchComponents,
  paths as BenchPaths,
} from "../../packages/client/test/fixtures/generated/transport-api.js";
