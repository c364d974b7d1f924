export type { MockServer, MockServerLogLevel, MockServerOptions } from "./start-mock-server.js";
export { startMockServer } from "./start-mock-server.js";
