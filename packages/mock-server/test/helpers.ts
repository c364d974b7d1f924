import { fileURLToPath } from "node:url";

export const packageDirectory = fileURLToPath(new URL("..", import.meta.url));

export const cliPath = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

export const pingSpec = fileURLToPath(new URL("./fixtures/ping.openapi.yaml", import.meta.url));

export const bearer = { authorization: "Bearer x", "tenant-code": "acme", accept: "application/json" };

export const personId = "123e4567-e89b-12d3-a456-426614174000";
