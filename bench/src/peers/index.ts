import { crmClient, crmClientWithoutLimiter } from "./crm-client.js";
import { kyWithRetry } from "./ky.js";
import { octokitCore, octokitWithPlugins } from "./octokit.js";
import { openaiGet } from "./openai.js";
import { bareOpenapiFetch, openapiFetchWithAuthMiddleware } from "./openapi-fetch.js";
import type { Peer } from "./peer.js";

/** The clients the side-by-side cases compare; the first is the baseline. */
export const peers: readonly Peer[] = [
  bareOpenapiFetch,
  openapiFetchWithAuthMiddleware,
  crmClient,
  crmClientWithoutLimiter,
  octokitCore,
  octokitWithPlugins,
  kyWithRetry,
  openaiGet,
];

export { bareOpenapiFetch };
