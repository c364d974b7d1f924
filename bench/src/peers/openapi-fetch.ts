import createClient, { type Middleware } from "openapi-fetch";
import type { BenchPaths } from "../bench-paths.js";
import { expectPage, type Peer, pageSize, tenantCode, token, withFetch } from "./peer.js";

const query = { params: { query: { pageSize } } };

/** The baseline: openapi-fetch with both headers fixed at createClient. No retry, no timeout. */
export const bareOpenapiFetch: Peer = {
  name: "openapi-fetch, bare",
  configuration: "headers set at createClient; no retry, no timeout",
  create: ({ baseUrl, fetch }) => {
    const client = createClient<BenchPaths>({
      baseUrl,
      headers: { authorization: `Bearer ${token}`, "tenant-code": tenantCode },
      ...withFetch("fetch", fetch),
    });
    return async () => {
      const { data, response } = await client.GET("/api/v1/people", query);
      expectPage(response.status, data);
    };
  },
};

/** What a user writes first on top of openapi-fetch: a middleware that adds the token. */
const authMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set("authorization", `Bearer ${token}`);
    request.headers.set("tenant-code", tenantCode);
    return request;
  },
};

export const openapiFetchWithAuthMiddleware: Peer = {
  name: "openapi-fetch + auth middleware",
  configuration: "an onRequest middleware sets both headers; no retry, no timeout",
  create: ({ baseUrl, fetch }) => {
    const client = createClient<BenchPaths>({ baseUrl, ...withFetch("fetch", fetch) });
    client.use(authMiddleware);
    return async () => {
      const { data, response } = await client.GET("/api/v1/people", query);
      expectPage(response.status, data);
    };
  },
};
