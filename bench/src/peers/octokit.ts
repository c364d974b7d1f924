import { Octokit } from "@octokit/core";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { expectPage, type Peer, type PeerSetup, pageSize, tenantCode, token, withFetch } from "./peer.js";

function send(octokit: Octokit) {
  return async () => {
    const response = await octokit.request("GET /api/v1/people", { pageSize, headers: { "tenant-code": tenantCode } });
    expectPage(response.status, response.data);
  };
}

const options = ({ baseUrl, fetch }: PeerSetup) => ({ auth: token, baseUrl, request: withFetch("fetch", fetch) });

export const octokitCore: Peer = {
  name: "@octokit/core",
  configuration: "no plugins: no retry",
  create: (setup) => send(new Octokit(options(setup))),
};

const Throttled = Octokit.plugin(retry, throttling);

/** The handlers as in plugin-throttling's README: retry a primary rate limit once, not a secondary one. */
export const octokitWithPlugins: Peer = {
  name: "@octokit/core + plugin-retry + plugin-throttling",
  configuration: "plugin defaults (3 retries at 1, 4, 9 s); throttle handlers as in the README (retry once)",
  create: (setup) =>
    send(
      new Throttled({
        ...options(setup),
        throttle: {
          onRateLimit: (_retryAfter: number, _options: object, _octokit: Octokit, retryCount: number) => retryCount < 1,
          onSecondaryRateLimit: () => false,
        },
      }),
    ),
};
