import { fileURLToPath } from "node:url";

export const packageDirectory = fileURLToPath(new URL("..", import.meta.url));

export const cliPath = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

export const pingSpec = fileURLToPath(new URL("./fixtures/ping.openapi.yaml", import.meta.url));

export const bearer = { authorization: "Bearer x", "tenant-code": "acme", accept: "application/json" };

export const personId = "123e4567-e89b-12d3-a456-426614174000";

export const liveShapedSpec = fileURLToPath(new URL("./fixtures/live-shaped.openapi.yaml", import.meta.url));

/** A client-credentials token from a sandbox's token endpoint. */
export async function sandboxToken(tokenUrl: string, clientId = "test", clientSecret = "test"): Promise<string> {
  const response = await fetch(tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
  });
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
