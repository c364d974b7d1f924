export type { MockServer, MockServerLogLevel, MockServerOptions, SandboxSeed } from "./start-mock-server.js";
export { startMockServer } from "./start-mock-server.js";
