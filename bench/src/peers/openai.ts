import OpenAI from "openai";
import { expectPage, type Peer, pageSize, tenantCode, token, withFetch } from "./peer.js";

/** openai-node's generic `client.get`, the shape its README shows for undocumented endpoints. */
export const openaiGet: Peer = {
  name: "openai client.get",
  configuration: "maxRetries: 2 (its default: 408, 409, 429, 5xx, Retry-After honoured)",
  create: ({ baseUrl, fetch }) => {
    const client = new OpenAI({
      apiKey: token,
      baseURL: baseUrl,
      defaultHeaders: { "tenant-code": tenantCode },
      maxRetries: 2,
      ...withFetch("fetch", fetch),
    });
    return async () => {
      const { data, response } = await client
        .get<{ data: unknown[] }>("/api/v1/people", { query: { pageSize } })
        .withResponse();
      expectPage(response.status, data);
    };
  },
};
