import { createCrmCoreClient } from "@engagifii/crm-client";
import type { BenchPaths } from "../bench-paths.js";
import { expectPage, type Peer, type PeerSetup, pageSize, tenantCode, token, withFetch } from "./peer.js";

function crm({ baseUrl, fetch }: PeerSetup, rateLimit: false | PeerSetup["limit"]) {
  const client = createCrmCoreClient<BenchPaths>({
    baseUrl,
    tenantCode,
    accessToken: token,
    rateLimit,
    env: {},
    ...withFetch("fetch", fetch),
  });
  return async () => {
    const { data, response } = await client.GET("/api/v1/people", { params: { query: { pageSize } } });
    expectPage(response.status, data);
  };
}

/** Our client as the README sets it up, its limiter at the limit the server enforces. */
export const crmClient: Peer = {
  name: "@engagifii/crm-client",
  configuration: "its defaults (retries honour Retry-After); rateLimit set to the server's limit",
  create: (setup) => crm(setup, setup.limit),
};

export const crmClientWithoutLimiter: Peer = {
  name: "@engagifii/crm-client, rateLimit: false",
  configuration: "defaults, limiter off: retries alone",
  create: (setup) => crm(setup, false),
};
