import ky from "ky";
import { expectPage, type Peer, pageSize, tenantCode, token, withFetch } from "./peer.js";

export const kyWithRetry: Peer = {
  name: "ky",
  configuration: "retry { limit: 2 } (its default: 429 and 5xx, Retry-After honoured), 10 s timeout",
  create: ({ baseUrl, fetch }) => {
    const api = ky.create({
      prefixUrl: baseUrl,
      headers: { authorization: `Bearer ${token}`, "tenant-code": tenantCode },
      retry: { limit: 2 },
      ...withFetch("fetch", fetch),
    });
    return async () => {
      const response = await api.get("api/v1/people", { searchParams: { pageSize } });
      expectPage(response.status, await response.json());
    };
  },
};
